using System.Linq.Expressions;
using Tiering.Rules.Collections;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;
using static System.Linq.Expressions.Expression;
using static Tiering.Rules.Runtime.CodeGeneration;

namespace Tiering.Rules.Compilation;

/// <summary>
/// Checks a bound frame against a policy's scope and rules: sets fired bits and returns the first-hit index, -1 when
/// no rule decided by position, <see cref="RuleKernels.OutOfScope"/> when <c>appliesWhen</c> is false, or
/// <see cref="RuleKernels.ScopeNeedsMissing"/> when <c>appliesWhen</c> read a missing optional field.
/// </summary>
internal delegate int RuleKernel(Frame frame);

/// <summary>
/// Builds a policy's <see cref="RuleKernel"/> in its two forms, which must agree (the differential tests run both
/// against a reference interpreter): closures (<see cref="Closures"/>), built in microseconds, and one expression tree
/// (<see cref="Compile"/>) with shared sub-conditions evaluated once, or for a disjoint band table the band search
/// unrolled into comparisons with constants. <see cref="TieredKernel"/> moves a policy from the first to the second.
/// </summary>
internal static class RuleKernels
{
    /// <summary>Kernel result: <c>appliesWhen</c> is false.</summary>
    internal const int OutOfScope = -2;

    /// <summary>Kernel result: <c>appliesWhen</c> read an optional field that is missing.</summary>
    internal const int ScopeNeedsMissing = -3;

    /// <summary>The first-tier kernel: the same semantics as <see cref="Compile"/>, built from closures.</summary>
    public static RuleKernel Closures(PolicyDefinition policy, FrameLayout layout, BandLookup? bandLookup)
    {
        var closures = new ClosureCompiler(layout);
        var rules = RulesKernel(policy, layout, bandLookup, closures);
        if (policy.AppliesWhen is null)
        {
            return rules;
        }

        var applies = closures.Bool(policy.AppliesWhen);
        return frame =>
        {
            var inScope = applies(frame);
            return frame.MissingRead >= 0 ? ScopeNeedsMissing : inScope ? rules(frame) : OutOfScope;
        };
    }

    private static RuleKernel RulesKernel(PolicyDefinition policy, FrameLayout layout, BandLookup? bandLookup, ClosureCompiler closures)
    {
        if (bandLookup is { } lookup)
        {
            var on = policy.Bands!.On!;
            var slot = layout.SlotOf(on);
            return frame =>
            {
                if (on.Optional && on.WhenMissing is null && frame.IsMissing(on.Index))
                {
                    Frame.MissingNumber(frame, on.Index);
                    return -1;
                }

                var index = lookup.Find(frame.Numbers[slot]);
                if (index >= 0)
                {
                    frame.SetFired(index);
                }

                return index;
            };
        }

        // Loops, not LINQ: every load without a band lookup builds this kernel (each lambda is one more method for a
        // first load to compile).
        var checkedRules = new ScratchList<RuleDefinition>();
        foreach (var rule in policy.Rules)
        {
            if ((rule.Kind != RuleKind.GradingBand && rule.Condition is not null) || rule.Kind == RuleKind.ScoreItem)
            {
                checkedRules.Add(rule);
            }
        }

        var indices = new int[checkedRules.Count];
        var conditions = new Func<Frame, bool>?[checkedRules.Count];
        var points = new Func<Frame, decimal>?[checkedRules.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            var rule = checkedRules[i];
            indices[i] = rule.Index;
            conditions[i] = rule.Condition is null ? null : closures.Bool(rule.Condition);
            points[i] = rule.Kind == RuleKind.ScoreItem ? closures.Number(rule.Points!) : null;
        }

        if (policy.HitPolicy == HitPolicy.First)
        {
            return frame =>
            {
                for (var i = 0; i < conditions.Length; i++)
                {
                    if (conditions[i]!(frame))
                    {
                        frame.SetFired(indices[i]);
                        return indices[i];
                    }
                }

                return -1;
            };
        }

        return frame =>
        {
            for (var i = 0; i < conditions.Length; i++)
            {
                if (conditions[i] is { } condition && !condition(frame))
                {
                    continue;
                }

                frame.SetFired(indices[i]);
                if (points[i] is { } score)
                {
                    var value = score(frame);
                    frame.ItemPoints![indices[i]] = value;
                    frame.Score += value;
                }
            }

            return -1;
        };
    }

    /// <summary>
    /// The second-tier kernel: scope and every rule in one expression tree (shared sub-conditions evaluated once),
    /// or, for a disjoint band table, the band search unrolled into comparisons with constants.
    /// </summary>
    public static RuleKernel Compile(PolicyDefinition policy, FrameLayout layout, BandLookup? bandLookup, out int sharedConditions)
    {
        var frame = Parameter(typeof(Frame), "frame");
        var compiler = new ExpressionCompiler(frame, layout);
        var checkedRules = bandLookup is not null
            ? []
            : policy.Rules.Where(r => r.Kind != RuleKind.GradingBand && r.Condition is not null || r.Kind == RuleKind.ScoreItem).ToList();
        var conditions = checkedRules.Where(r => r.Condition is not null).Select(r => r.Condition!)
            .Concat(policy.AppliesWhen is null ? [] : [policy.AppliesWhen]).ToList();
        compiler.ShareRepeatedConditions(conditions);
        sharedConditions = compiler.SharedCount;
        compiler.FilterDecimalComparisons(conditions, bandLookup is not null ? [policy.Bands!.On!, policy.Bands!.On!] : []);
        var statements = new List<Expression>();
        var returnLabel = Label(typeof(int), "done");

        if (policy.AppliesWhen is { } appliesWhen)
        {
            var inScope = Variable(typeof(bool), "inScope");
            statements.Add(Expression.Block(
                [inScope],
                Assign(inScope, compiler.Compile(appliesWhen)),
                IfThen(GreaterThanOrEqual(FieldOf<Frame>(frame, nameof(Frame.MissingRead)), Constant(0)), Return(returnLabel, Constant(RuleKernels.ScopeNeedsMissing))),
                IfThen(Not(inScope), Return(returnLabel, Constant(RuleKernels.OutOfScope)))));
        }

        if (bandLookup is { } lookup)
        {
            var on = policy.Bands!.On!;
            var value = Variable(typeof(decimal), "value");
            var index = Variable(typeof(int), "band");
            var search = Expression.Block(
                Assign(value, compiler.ReadField(on)),
                on.Optional && on.WhenMissing is null
                    ? IfThen(GreaterThanOrEqual(FieldOf<Frame>(frame, nameof(Frame.MissingRead)), Constant(0)), Return(returnLabel, Constant(-1)))
                    : Empty(),
                Assign(index, lookup.Compile(value, compiler.ApproxOf(on))),
                IfThen(GreaterThanOrEqual(index, Constant(0)), Call(frame, typeof(Frame).GetMethod(nameof(Frame.SetFired))!, index)),
                Return(returnLabel, index));
            statements.Add(Expression.Block([value, index], search));
        }

        foreach (var rule in checkedRules)
        {
            var fire = SetFired(frame, rule.Index);
            Expression action = policy.HitPolicy == HitPolicy.First
                ? Expression.Block(fire, Return(returnLabel, Constant(rule.Index)))
                : fire;
            if (rule.Kind == RuleKind.ScoreItem)
            {
                var score = FieldOf<Frame>(frame, nameof(Frame.Score));
                var slot = ArrayAccess(FieldOf<Frame>(frame, nameof(Frame.ItemPoints)), Constant(rule.Index));
                action = Expression.Block(fire, Assign(slot, compiler.Compile(rule.Points!)), AddAssign(score, slot));
            }

            statements.Add(rule.Condition is null ? action : IfThen(compiler.Compile(rule.Condition), action));
        }

        statements.Add(Label(returnLabel, Constant(-1)));
        var body = compiler.Block(Expression.Block(typeof(int), statements));
        return Lambda<RuleKernel>(body, frame).Compile();
    }

    private static Expression SetFired(ParameterExpression frame, int index)
    {
        if (index < 64)
        {
            var word = FieldOf<Frame>(frame, nameof(Frame.Fired0));
            return OrAssign(word, Constant(1UL << index));
        }

        return Call(frame, typeof(Frame).GetMethod(nameof(Frame.SetFired))!, Constant(index));
    }
}
