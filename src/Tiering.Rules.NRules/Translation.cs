using System.Linq.Expressions;
using System.Reflection;
using NRules.RuleModel;
using NRules.RuleModel.Builders;
using Tiering.Rules.Model;
using static System.Linq.Expressions.Expression;

namespace Tiering.Rules.NRules;

/// <summary>
/// Turns the validated model of every loaded policy version into NRules rule definitions through NRules' rule model
/// (<see cref="RuleBuilder"/>), one rule set per policy:
/// <list type="bullet">
/// <item>one rule per policy rule, band row, score item and veto, named by its id (so NRules' events and tools show the
/// author's ids), matching a <see cref="PolicyFact"/> of its version, in scope (<c>appliesWhen</c>, one shared node),
/// whose condition holds; its action records the hit (and a score item's points) on the fact;</item>
/// <item>one decide rule per version (<c>"&lt;policy&gt;: decide"</c>, below every hit rule in priority, so it fires once
/// every hit of the fact is in) that resolves the hits with the compiled engine's hit-policy resolver and inserts the
/// <see cref="PolicyDecision"/>;</item>
/// <item>one rule per policy and policy it reads (<c>"&lt;policy&gt;: reads decision('&lt;other&gt;')"</c>) matching the
/// other's <see cref="PolicyDecision"/>s and handing each to the facts waiting on it;</item>
/// <item>one intake rule per bound host type (<c>"intake &lt;Type&gt;"</c>).</item>
/// </list>
/// Grading rows of a scorecard are not rules of their own: the resolver grades the score, as in the compiled engine.
/// </summary>
internal static class Translation
{
    /// <summary>Hit rules fire first; for <c>first</c> policies in the author's order.</summary>
    internal const int HitPriority = 0;

    /// <summary>Decide rules fire once no hit rule is left to fire; chained policies' hits come before them again.</summary>
    internal const int DecidePriority = -1_000_000;

    /// <summary>Hand a decision to the facts waiting on it as soon as it is made.</summary>
    internal const int ChainPriority = 1_000_000;

    /// <summary>Admit a host fact before anything else.</summary>
    internal const int IntakePriority = 2_000_000;

    private static readonly FieldInfo PolicyField = typeof(PolicyFact).GetField(nameof(PolicyFact.Policy), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly MethodInfo HoldsMethod = typeof(VersionConditions).GetMethod(nameof(VersionConditions.Holds))!;
    private static readonly MethodInfo InScopeMethod = typeof(VersionConditions).GetMethod(nameof(VersionConditions.InScope))!;
    private static readonly MethodInfo ScoreMethod = typeof(VersionConditions).GetMethod(nameof(VersionConditions.Score))!;
    private static readonly MethodInfo HitMethod = typeof(SessionActions).GetMethod(nameof(SessionActions.Hit))!;
    private static readonly MethodInfo DecideMethod = typeof(SessionActions).GetMethod(nameof(SessionActions.Decide))!;
    private static readonly MethodInfo DeliverMethod = typeof(SessionActions).GetMethod(nameof(SessionActions.Deliver))!;
    private static readonly MethodInfo AdmitMethod = typeof(SessionActions).GetMethod(nameof(SessionActions.AdmitNative))!;
    private static readonly PropertyInfo DecisionPolicyId = typeof(PolicyDecision).GetProperty(nameof(PolicyDecision.PolicyId))!;

    /// <summary>The rules of one policy version.</summary>
    public static IEnumerable<IRuleDefinition> Version(PolicyEvaluator policy, VersionConditions conditions, SessionActions actions)
    {
        var definition = policy.Definition;
        var isFirst = definition.HitPolicy == HitPolicy.First;
        foreach (var rule in definition.Rules)
        {
            if (!((rule.Kind != RuleKind.GradingBand && rule.Condition is not null) || rule.Kind == RuleKind.ScoreItem))
            {
                continue; // the compiled engine never checks these either
            }

            var builder = Named(rule.Id, definition, isFirst ? HitPriority + definition.Rules.Length - rule.Index : HitPriority);
            if (rule.Text is { } text)
            {
                builder.Description(rule.Because is { } because ? $"{text} — {because}" : text);
            }

            var fact = MatchVersion(builder, policy, conditions);
            if (rule.Condition is not null)
            {
                var f = fact.Declaration.ToParameterExpression();
                fact.Condition(Lambda(Call(Constant(conditions), HoldsMethod, f, Constant(rule.Index)), f));
            }

            var a = fact.Declaration.ToParameterExpression();
            var record = rule.Kind == RuleKind.ScoreItem
                ? Call(Constant(conditions), ScoreMethod, a, Constant(rule.Index))
                : Call(HitMethod, a, Constant(rule.Index));
            builder.RightHandSide().Action(Lambda(record, Parameter(typeof(IContext), "ctx"), a));
            yield return builder.Build();
        }

        var decide = Named($"{definition.Id}: decide", definition, DecidePriority);
        decide.Description($"resolves the hits of {definition.Display} (hitPolicy {definition.HitPolicy.ToString().ToLowerInvariant()}) and inserts its PolicyDecision");
        var decided = decide.LeftHandSide().Pattern(typeof(PolicyFact), "fact");
        decided.Condition(IsVersion(decided.Declaration, policy));
        var context = Parameter(typeof(IContext), "ctx");
        var factToDecide = decided.Declaration.ToParameterExpression();
        decide.RightHandSide().Action(Lambda(Call(Constant(actions), DecideMethod, context, factToDecide), context, factToDecide));
        yield return decide.Build();
    }

    /// <summary>The rule handing <paramref name="dependency"/>'s decisions to the facts of <paramref name="dependent"/> waiting on them.</summary>
    public static IRuleDefinition Chain(string dependent, string dependency, SessionActions actions)
    {
        var builder = new RuleBuilder();
        builder.Name($"{dependent}: reads decision('{dependency}')");
        builder.Description($"hands each decision of '{dependency}' to the facts of '{dependent}' waiting on it");
        builder.Priority(ChainPriority);
        builder.Tag(dependent);
        var decision = builder.LeftHandSide().Pattern(typeof(PolicyDecision), "decision");
        var d = decision.Declaration.ToParameterExpression();
        decision.Condition(Lambda(Equal(Property(d, DecisionPolicyId), Constant(dependency)), d));
        var context = Parameter(typeof(IContext), "ctx");
        builder.RightHandSide().Action(Lambda(Call(Constant(actions), DeliverMethod, context, d, Constant(dependent)), context, d));
        return builder.Build();
    }

    /// <summary>The rule admitting every inserted <paramref name="type"/> to the policies bound to it.</summary>
    public static IRuleDefinition Intake(Type type, IReadOnlyList<string> policyIds, SessionActions actions)
    {
        var builder = new RuleBuilder();
        builder.Name($"intake {type.Name}");
        builder.Description($"validates each {type.FullName} against {string.Join(", ", policyIds)} and hands it to their rules");
        builder.Priority(IntakePriority);
        var fact = builder.LeftHandSide().Pattern(type, "fact");
        var f = fact.Declaration.ToParameterExpression();
        var context = Parameter(typeof(IContext), "ctx");
        builder.RightHandSide().Action(Lambda(
            Call(Constant(actions), AdmitMethod, context, Convert(f, typeof(object)), Constant(policyIds.ToArray())),
            context,
            f));
        return builder.Build();
    }

    private static RuleBuilder Named(string name, PolicyDefinition definition, int priority)
    {
        var builder = new RuleBuilder();
        builder.Name(name);
        builder.Priority(priority);
        builder.Tag(definition.Id);
        builder.Property("policy", definition.Id);
        builder.Property("version", definition.Version);
        return builder;
    }

    /// <summary>The pattern every rule of a version starts with: a fact of that version, in its scope when it has one.</summary>
    private static PatternBuilder MatchVersion(RuleBuilder builder, PolicyEvaluator policy, VersionConditions conditions)
    {
        var fact = builder.LeftHandSide().Pattern(typeof(PolicyFact), "fact");
        fact.Condition(IsVersion(fact.Declaration, policy));
        if (conditions.HasScope)
        {
            var f = fact.Declaration.ToParameterExpression();
            fact.Condition(Lambda(Call(Constant(conditions), InScopeMethod, f), f));
        }

        return fact;
    }

    /// <summary><c>fact =&gt; fact.Policy == version</c>: one alpha node per version, shared by all its rules.</summary>
    private static LambdaExpression IsVersion(Declaration declaration, PolicyEvaluator policy)
    {
        var f = declaration.ToParameterExpression();
        return Lambda(ReferenceEqual(Field(f, PolicyField), Constant(policy)), f);
    }
}
