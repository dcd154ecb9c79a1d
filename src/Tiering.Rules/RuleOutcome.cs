namespace Tiering.Rules;

/// <summary>How one rule fared in a decision.</summary>
public enum RuleOutcome
{
    /// <summary>The rule's condition held.</summary>
    Fired,

    /// <summary>The rule was checked and its condition did not hold.</summary>
    NotFired,

    /// <summary>The rule was not checked (an earlier rule decided under hitPolicy first, or the fact never reached the rules).</summary>
    NotChecked,
}
