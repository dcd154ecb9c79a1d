using System.Collections.Immutable;
using System.Linq.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Compilation;

/// <summary>
/// A policy's computed outputs (<c>name: =expression</c>) compiled per way a decision can end: for each rule, the
/// formulas of its grade it does not override followed by its own; for each grade, its own (a default or
/// <c>below</c> decision). Only the plan of the rule or grade that decided is evaluated (under <c>collect</c>, that of
/// every fired rule), on the decision's frame, by closures first and by compiled expression trees once the policy's
/// kernel tiers up (<see cref="Compile"/>). Made only for policies that have formulas. Thread-safe.
/// </summary>
internal sealed class ComputedOutputs
{
    private readonly Plan?[] _byRule;
    private readonly Plan?[] _byGrade;
    private readonly bool _collect;
    private readonly PolicyDefinition _policy;

    private ComputedOutputs(PolicyDefinition policy, FrameLayout layout)
    {
        _collect = policy.HitPolicy == HitPolicy.Collect;
        _policy = policy;
        var closures = new ClosureCompiler(layout);
        _byGrade = new Plan?[policy.Grades.Length];
        for (var g = 0; g < _byGrade.Length; g++)
        {
            _byGrade[g] = Plan.Of(policy.Grades[g].Computed, closures);
        }

        _byRule = new Plan?[policy.Rules.Length];
        foreach (var rule in policy.Rules)
        {
            var outputs = rule.Computed;
            if (!_collect && rule.Grade is { } grade)
            {
                var inherited = policy.Grades[grade].Computed.Where(c => !rule.Outputs.ContainsKey(c.Name) && !rule.Computed.Any(o => o.Name == c.Name));
                outputs = [.. inherited, .. rule.Computed];
            }

            _byRule[rule.Index] = Plan.Of(outputs, closures);
        }

        Layout = layout;
    }

    private FrameLayout Layout { get; }

    /// <summary>The policy's computed outputs, or null when it has no formula (the common case costs nothing).</summary>
    public static ComputedOutputs? TryCreate(PolicyDefinition policy, FrameLayout layout) =>
        policy.HasFormulas() ? new ComputedOutputs(policy, layout) : null;

    /// <summary>
    /// Evaluates the formulas of a classified decision on its frame: the deciding rule's plan, else the grade's; under
    /// <c>collect</c>, the grade's formulas whose key no fired rule sets (plainly or computed), then every fired rule's. Null when none applies. A
    /// formula that reads a missing optional field sets <see cref="Frame.MissingRead"/>; arithmetic failures throw.
    /// </summary>
    public ComputedValues? Evaluate(Frame frame, int grade, int deciding)
    {
        if (!_collect)
        {
            var plan = deciding >= 0 ? _byRule[deciding] : grade >= 0 ? _byGrade[grade] : null;
            return plan is null ? null : new ComputedValues(plan.Outputs, plan.Run(frame));
        }

        var outputs = ImmutableArray.CreateBuilder<ComputedOutput>();
        var values = new List<RuntimeValue>();
        var owners = new List<int>();
        var ruleKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in frame.FiredIndices())
        {
            ruleKeys.UnionWith(_policy.Rules[index].Outputs.Keys);
            if (_byRule[index] is { } plan)
            {
                outputs.AddRange(plan.Outputs);
                values.AddRange(plan.Run(frame));
                owners.AddRange(Enumerable.Repeat(index, plan.Outputs.Length));
                foreach (var output in plan.Outputs)
                {
                    ruleKeys.Add(output.Name);
                }
            }
        }

        if (grade >= 0 && _byGrade[grade] is { } gradePlan)
        {
            var gradeValues = gradePlan.Run(frame);
            for (var i = 0; i < gradeValues.Length; i++)
            {
                if (!ruleKeys.Contains(gradePlan.Outputs[i].Name))
                {
                    outputs.Insert(0, gradePlan.Outputs[i]);
                    values.Insert(0, gradeValues[i]);
                    owners.Insert(0, -1);
                }
            }
        }

        return outputs.Count == 0 ? null : new ComputedValues(outputs.ToImmutable(), [.. values]) { Owners = [.. owners] };
    }

    /// <summary>Replaces every plan's closures by compiled expression trees (the kernel's tier-up calls this).</summary>
    public void Compile()
    {
        foreach (var plan in _byRule.Concat(_byGrade))
        {
            plan?.Compile(Layout);
        }
    }

    /// <summary>The formulas of one way of ending, and their evaluators in the current tier.</summary>
    private sealed class Plan(ImmutableArray<ComputedOutput> outputs, Func<Frame, RuntimeValue>[] evaluators)
    {
        private Func<Frame, RuntimeValue>[] _evaluators = evaluators;

        public ImmutableArray<ComputedOutput> Outputs { get; } = outputs;

        public static Plan? Of(ImmutableArray<ComputedOutput> outputs, ClosureCompiler closures)
        {
            if (outputs.IsEmpty)
            {
                return null;
            }

            var evaluators = new Func<Frame, RuntimeValue>[outputs.Length];
            for (var i = 0; i < evaluators.Length; i++)
            {
                evaluators[i] = closures.Value(outputs[i].Expr);
            }

            return new Plan(outputs, evaluators);
        }

        public RuntimeValue[] Run(Frame frame)
        {
            var evaluators = Volatile.Read(ref _evaluators);
            var values = new RuntimeValue[evaluators.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = evaluators[i](frame);
            }

            return values;
        }

        public void Compile(FrameLayout layout)
        {
            var compiled = new Func<Frame, RuntimeValue>[Outputs.Length];
            for (var i = 0; i < compiled.Length; i++)
            {
                var frame = Expression.Parameter(typeof(Frame), "frame");
                var compiler = new ExpressionCompiler(frame, layout);
                compiled[i] = Expression.Lambda<Func<Frame, RuntimeValue>>(compiler.Block(compiler.CompileValue(Outputs[i].Expr)), frame).Compile();
            }

            Volatile.Write(ref _evaluators, compiled);
        }
    }
}

/// <summary>The computed outputs of one decision: which formulas, and their values in the same order.</summary>
internal sealed record ComputedValues(ImmutableArray<ComputedOutput> Outputs, RuntimeValue[] Values)
{
    /// <summary>Under <c>collect</c>: per value, the fired rule whose formula it is (-1 for the grade's); otherwise null.</summary>
    public int[]? Owners { get; init; }
}
