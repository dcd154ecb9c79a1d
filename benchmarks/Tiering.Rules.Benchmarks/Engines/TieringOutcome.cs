namespace Tiering.Rules.Benchmarks;

/// <summary>Turns a <see cref="Decision"/> into an <see cref="Outcome"/>, reading the fired ids so they are materialised.</summary>
public static class TieringOutcome
{
    public static Outcome From(Decision decision)
    {
        // FiredRuleIds builds a string[] on first access; copy only if some other list comes back.
        var fired = decision.FiredRuleIds;
        return new Outcome(StatusText(decision.Status), decision.Grade?.Id, fired as string[] ?? [.. fired]);
    }

    public static string StatusText(DecisionStatus status) => status switch
    {
        DecisionStatus.Classified => Outcome.Classified,
        DecisionStatus.NotApplicable => Outcome.NotApplicable,
        DecisionStatus.Unclassified => Outcome.Unclassified,
        DecisionStatus.Invalid => Outcome.Invalid,
        _ => Outcome.Conflict,
    };
}
