using NRules.Fluent.Dsl;

namespace Tiering.Rules.NRules.Tests.HostRules;

// A host's own fluent rules (NRules loads only top-level public rule types).

/// <summary>The host's reaction to a loss: a fact of its own.</summary>
public sealed record Escalation(object Loan);

/// <summary>A host's own fluent rule over the YAML policy's decision.</summary>
public sealed class EscalateLoss : Rule
{
    public override void Define()
    {
        PolicyDecision decision = null!;
        When().Match(() => decision, d => d.PolicyId == "loan-five-category" && d.GradeId == "loss");
        Then().Do(ctx => ctx.Insert(new Escalation(decision.Fact)));
    }
}
