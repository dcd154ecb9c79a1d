namespace Tiering.Rules.Benchmarks;

/// <summary>Turns a <see cref="Decision"/> into an <see cref="Outcome"/>, reading the fired ids so they are materialised.</summary>
public static class TieringOutcome
{
    public static Outcome From(Decision decision)
    {
        // FiredRuleIds materialises the ids (shared read-only lists per fired set), so nothing is copied here.
        return new Outcome(StatusText(decision.Status), decision.Grade?.Id, decision.FiredRuleIds);
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
