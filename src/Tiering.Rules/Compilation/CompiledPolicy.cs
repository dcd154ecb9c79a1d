using System.Runtime.InteropServices;
using Tiering.Rules.Facts;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Compilation;

/// <summary>
/// One policy version compiled once per load: its frame layout, grades and outputs, the hit-policy resolver, the rule
/// kernel in its tiers, typed kernels for POCO types and the binders that fill frames. The policy's own data is
/// immutable; the parts that improve with use (kernel tier, typed kernels, binders) swap whole objects in, so the
/// policy is safe to use from many threads: every decision works on its own <see cref="Frame"/>.
/// </summary>
internal sealed class CompiledPolicy
{
    public CompiledPolicy(PolicyDefinition definition)
    {
        Definition = definition;
        Layout = new FrameLayout(definition);

        // Loops, not LINQ: every load compiles its policies here (each lambda is one more method for a first load to compile).
        var grades = new Grade[definition.Grades.Length];
        var gradeOutputs = new OutputMap[grades.Length];
        for (var i = 0; i < grades.Length; i++)
        {
            var g = definition.Grades[i];
            grades[i] = new Grade(g.Id, g.Label, g.Rank);
            gradeOutputs[i] = g.Outputs;
        }

        var ruleOutputs = new OutputMap[definition.Rules.Length];
        for (var i = 0; i < ruleOutputs.Length; i++)
        {
            var r = definition.Rules[i];
            ruleOutputs[i] = r.Grade is { } grade ? definition.Grades[grade].Outputs.With(r.Outputs) : r.Outputs;
        }

        Grades = grades;
        GradeOutputs = gradeOutputs;
        RuleOutputs = ruleOutputs;

        var bandLookup = definition.Bands is { On: not null } bands ? BandLookup.TryCreate(bands) : null;
        UsesLookup = bandLookup is not null;
        Resolver = new HitPolicyResolver(definition);
        if (definition.HasExtras)
        {
            Outputs = ComputedOutputs.TryCreate(definition, Layout, RuleOutputs, GradeOutputs);
            Prelude = Prelude.TryCreate(definition, Layout);
        }

        Kernel = new TieredKernel(definition, Layout, bandLookup, Outputs is null && Prelude is null ? null : CompileExtras);
        TypedKernels = new TypedKernels(definition, bandLookup, Outputs, Resolver);
        Binders = new BinderRegistry(definition.Fields, Layout, TypedKernels.QueuePrepare);
    }

    public PolicyDefinition Definition { get; }

    public FrameLayout Layout { get; }

    public Grade[] Grades { get; }

    public OutputMap[] GradeOutputs { get; }

    /// <summary>Per rule: the outputs of its grade overlaid by its own.</summary>
    public OutputMap[] RuleOutputs { get; }

    /// <summary>Whether a disjoint band table is searched (rather than its rows checked one by one).</summary>
    public bool UsesLookup { get; }

    public HitPolicyResolver Resolver { get; }

    /// <summary>The policy's computed outputs, or null when it has no formula (a field: a first load compiles no getter).</summary>
    public readonly ComputedOutputs? Outputs;

    /// <summary>What runs between binding and the rules (as-of date, derived values, checks), or null when nothing does.</summary>
    public readonly Prelude? Prelude;

    /// <summary>Compiles the computed outputs and the prelude with the kernel's tier-up.</summary>
    private void CompileExtras()
    {
        Outputs?.Compile();
        Prelude?.Compile();
    }

    public TieredKernel Kernel { get; }

    public TypedKernels TypedKernels { get; }

    public BinderRegistry Binders { get; }

    /// <summary>Decides one bound frame: validation errors first, then scope, then the rules and the hit policy.</summary>
    public Outcome Evaluate(Frame frame)
    {
        if (frame.Errors is { Count: > 0 } errors)
        {
            return Outcome.Invalid(errors);
        }

        try
        {
            return AfterRules(frame, Kernel.Run(frame));
        }
        catch (ArithmeticException ex)
        {
            return EvaluationFailed(ex);
        }
    }

    /// <summary>
    /// The outcome once the rules have run over <paramref name="frame"/> (its fired set, score and
    /// <see cref="Frame.MissingRead"/> filled), from the kernel's result code: the rule that hit first, -1,
    /// <see cref="RuleKernels.OutOfScope"/> or <see cref="RuleKernels.ScopeNeedsMissing"/>. Another engine that ran the
    /// rules itself (the NRules backend) concludes through here, so scope, missing fields and the hit policy mean the same.
    /// </summary>
    public Outcome AfterRules(Frame frame, int first)
    {
        if (first == RuleKernels.ScopeNeedsMissing)
        {
            return Missing(frame, "appliesWhen");
        }

        if (first == RuleKernels.OutOfScope)
        {
            return new Outcome(DecisionStatus.NotApplicable, -1, -1, null);
        }

        if (frame.MissingRead >= 0)
        {
            return Missing(frame, null);
        }

        return Conclude(frame, first);
    }

    /// <summary>
    /// The invalid outcome of a field read but missing (apart: a one-element list written in a method makes its types
    /// load when the method is first called, and every first decision calls <see cref="AfterRules"/>).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private Outcome Missing(Frame frame, string? where) => Outcome.Invalid([NeededButMissing(frame, where)]);

    /// <summary>The outcome of a decision whose arithmetic failed (a division by zero, an overflow).</summary>
    public static Outcome EvaluationFailed(ArithmeticException ex) =>
        Outcome.Invalid([new FieldError("(expression)", $"evaluating a rule failed: {ex.Message}", FieldErrorKind.Evaluation)]);

    private Outcome Conclude(Frame frame, int first)
    {
        var banded = Resolver.BelowField is { } on && !frame.IsMissing(on.Index) ? frame.NumberOf(on) : (decimal?)null;
        var resolution = Resolver.Resolve(first, frame.FiredIndices(), frame.Score, banded);
        if (resolution.GradingRow >= 0)
        {
            frame.SetFired(resolution.GradingRow);
        }

        if (resolution.Status == DecisionStatus.Classified && Outputs is { } outputs)
        {
            return WithOutputs(frame, outputs, resolution);
        }

        return resolution.Status switch
        {
            DecisionStatus.Classified => new Outcome(DecisionStatus.Classified, resolution.Grade, resolution.Deciding, null),
            DecisionStatus.Conflict => Unresolved(DecisionStatus.Conflict, Conflict(frame)),
            _ => Unresolved(DecisionStatus.Unclassified, NoMatch(frame)),
        };
    }

    /// <summary>A conflict or no match, with its reason (apart, as <see cref="Missing"/>).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static Outcome Unresolved(DecisionStatus status, FieldError reason) => new(status, -1, -1, [reason]);

    /// <summary>
    /// A classified outcome with its computed outputs: a formula that reads a missing optional field, or whose
    /// arithmetic fails, makes the decision invalid, as a rule would.
    /// </summary>
    private Outcome WithOutputs(Frame frame, ComputedOutputs outputs, Resolution resolution)
    {
        ComputedValues? values;
        try
        {
            values = outputs.Evaluate(frame, resolution.Grade, resolution.Deciding);
        }
        catch (ArithmeticException ex)
        {
            return EvaluationFailed(ex);
        }

        return frame.MissingRead >= 0
            ? Missing(frame, "an output")
            : new Outcome(DecisionStatus.Classified, resolution.Grade, resolution.Deciding, null) { Computed = values };
    }

    /// <summary>
    /// Runs a typed kernel on a fact: the kernel's result code (the deciding rule, -1, <see cref="RuleKernels.OutOfScope"/>),
    /// or <see cref="TypedKernel.Fallback"/> when the general path must decide (a value off its domain, arithmetic failed).
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static int RunTyped(TypedKernel typed, object fact, ref TypedResult result) =>
        typed.MayThrow ? RunTypedCatching(typed, fact, ref result) : typed.Run(fact, ref result);

    private static int RunTypedCatching(TypedKernel typed, object fact, ref TypedResult result)
    {
        try
        {
            return typed.Run(fact, ref result);
        }
        catch (ArithmeticException)
        {
            return TypedKernel.Fallback;
        }
    }

    private FieldError NeededButMissing(Frame frame, string? where)
    {
        var field = Definition.AllFields[frame.MissingRead];
        if (field.IsPseudo && !field.IsDecisionRef)
        {
            return NeededButMissingPseudo(frame, field, where);
        }

        var message = field.IsDecisionRef
            ? $"policy '{field.DependsOnPolicy}' gave no grade for this fact, but {where ?? "a rule"} needs {field.Name}"
            : $"'{field.Name}' is missing; it is optional, but {where ?? "a rule"} needs its value here";
        return new FieldError(field.Name, message, field.IsDecisionRef ? FieldErrorKind.Dependency : FieldErrorKind.NeededButMissing);
    }

    /// <summary>A missing derived value names the input that is missing; a missing asOf says no date was given.</summary>
    private static FieldError NeededButMissingPseudo(Frame frame, FieldDefinition field, string? where)
    {
        var input = Prelude.MissingInput(frame, field);
        var through = input == field ? string.Empty : $" (through '{field.Name}')";
        var kind = input.IsAsOf ? FieldErrorKind.AsOfDate : input.IsDecisionRef ? FieldErrorKind.Dependency : FieldErrorKind.NeededButMissing;
        return new FieldError(input.Name, Prelude.MissingMessage(input, where ?? "a rule") + through, kind);
    }

    // Out of line: a lambda in Conclude would allocate its closure on every decision, conflict or not.
    private FieldError Conflict(Frame frame)
    {
        var ids = string.Join(", ", frame.FiredIndices().Select(i => Definition.Rules[i].Id));
        return new FieldError("(rules)", $"hitPolicy unique allows one matching rule, but {frame.FiredCount} matched: {ids}", FieldErrorKind.Conflict);
    }

    /// <summary>Says, for a person, which value fell through: the banded value, or that no rule matched.</summary>
    private FieldError NoMatch(Frame frame)
    {
        var table = Definition.HitPolicy == HitPolicy.Scorecard ? Definition.Grading : Definition.Bands;
        if (table is not null)
        {
            var (name, value) = table.On is { } on ? (on.Name, frame.NumberOf(on)) : ("score", frame.Score);
            return new FieldError(name, $"{name} = {FactBinder.Format(value)} matches no band and the policy has no default", FieldErrorKind.NoMatch);
        }

        return new FieldError("(rules)", "no rule matched and the policy has no default", FieldErrorKind.NoMatch);
    }
}
