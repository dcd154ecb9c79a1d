namespace Tiering.Rules.Benchmarks;

/// <summary>Turns a <see cref="Decision"/> into an <see cref="Outcome"/>, reading the fired ids so they are materialised.</summary>
public static class TieringOutcome
{
    public static Outcome From(Decision decision)
    {
        // FiredRuleIds materialises the ids (shared read-only lists per fired set), so nothing is copied here.
        return new Outcome(StatusText(decision.Status), decision.Grade?.Id, decision.FiredRuleIds);
    }

    // Indexed by the status's value, as a host maps an enum to its text: one load, inlined (a switch here was a call
    // per fact that only the engine rows paid, the hand-written rows writing the text directly).
    private static readonly string[] StatusTexts = [Outcome.Classified, Outcome.NotApplicable, Outcome.Unclassified, Outcome.Invalid, Outcome.Conflict];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static string StatusText(DecisionStatus status) => StatusTexts[(int)status];
}
