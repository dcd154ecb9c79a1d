namespace Tiering.Rules;

/// <summary>How the rules that fired become one grade.</summary>
public enum HitPolicy
{
    /// <summary>Rules in file order; the first that matches decides.</summary>
    First,

    /// <summary>At most one rule may match; more than one is a conflict naming the rules.</summary>
    Unique,

    /// <summary>Every rule is checked; the most severe grade among fired rules wins.</summary>
    Worst,

    /// <summary>Every rule is checked; the least severe (highest-tier) grade among fired rules wins.</summary>
    Best,

    /// <summary>Every rule is checked; all fired rules and their outputs are reported; the grade is the worst fired.</summary>
    Collect,

    /// <summary>Points are summed, vetoes win over the sum, and the score is graded by bands.</summary>
    Scorecard,
}
