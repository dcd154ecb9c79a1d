using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Numerics;
using System.Runtime.InteropServices;
using Tiering.Rules.Expressions;
using Tiering.Rules.Facts;
using Tiering.Rules.Model;
using static System.Linq.Expressions.Expression;
using static Tiering.Rules.Compilation.CodeGeneration;

namespace Tiering.Rules.Compilation;

/// <summary>
/// Checks a bound frame against a policy's scope and rules: sets fired bits and returns the first-hit index, -1 when
/// no rule decided by position, <see cref="CompiledPolicy.OutOfScope"/> when <c>appliesWhen</c> is false, or
/// <see cref="CompiledPolicy.ScopeNeedsMissing"/> when <c>appliesWhen</c> read a missing optional field.
/// </summary>
internal delegate int RuleKernel(Frame frame);

/// <summary>
/// One policy version compiled once per load: one fused kernel for scope and rules (a tree of comparisons for a
/// disjoint band table), typed kernels for POCO types, and precomputed grades and outputs. Safe to use from many
/// threads: every decision works on its own <see cref="Frame"/> (or a typed kernel's locals), kernels are swapped in
/// whole, and the caches of fired ids and decisions hold immutable entries, so a race can only lose an entry.
/// </summary>
internal sealed class CompiledPolicy
{
    /// <summary>Decisions after which a policy's closures are replaced by compiled expression trees (in the background).</summary>
    internal const int TierUpAfter = 256;

    /// <summary>Kernel result: <c>appliesWhen</c> is false.</summary>
    internal const int OutOfScope = -2;

    /// <summary>Kernel result: <c>appliesWhen</c> read an optional field that is missing.</summary>
    internal const int ScopeNeedsMissing = -3;

    private RuleKernel _kernel;
    private int _uses;
    private int _tier; // 0 closures, 1 compiling, 2 compiled (or nothing to compile)
    private readonly BandLookup? _bandLookup;
    private readonly BandLookup? _gradingLookup;

    /// <summary>Per rule: the index of the grade it gives, or -1.</summary>
    private readonly int[] _ruleGrade;

    private readonly HitPolicy _hitPolicy;

    /// <summary>The banded value is under every band when it is below this (or equal to it, when <see cref="_belowAtEdge"/>).</summary>
    private readonly decimal? _belowLimit;
    private readonly bool _belowAtEdge;

    public CompiledPolicy(PolicyDefinition definition)
    {
        Definition = definition;
        Shape = FrameShape.Of(definition);
        var grades = new Grade[definition.Grades.Length];
        var gradeOutputs = new ImmutableDictionary<string, string>[grades.Length];
        for (var i = 0; i < grades.Length; i++)
        {
            var g = definition.Grades[i];
            grades[i] = new Grade(g.Id, g.Label, g.Rank);
            gradeOutputs[i] = g.Outputs;
        }

        var ruleOutputs = new ImmutableDictionary<string, string>[definition.Rules.Length];
        _ruleGrade = new int[definition.Rules.Length];
        for (var i = 0; i < _ruleGrade.Length; i++)
        {
            var r = definition.Rules[i];
            ruleOutputs[i] = r.Grade is { } grade ? Merge(definition.Grades[grade].Outputs, r.Outputs) : r.Outputs;
            _ruleGrade[i] = r.Grade ?? -1;
        }

        Grades = ImmutableCollectionsMarshal.AsImmutableArray(grades);
        GradeOutputs = ImmutableCollectionsMarshal.AsImmutableArray(gradeOutputs);
        RuleOutputs = ImmutableCollectionsMarshal.AsImmutableArray(ruleOutputs);
        Declared = definition.Fields;

        _hitPolicy = definition.HitPolicy;

        if (definition.Bands is not null || definition.Grading is not null)
        {
            (_bandLookup, _gradingLookup, _belowLimit, _belowAtEdge) = Tables(definition);
        }

        _kernel = ClosureKernel(definition);
        _tier = CodeGeneration.IsAvailable ? 0 : 2; // under Native AOT the closures serve for good
        UsesLookup = _bandLookup is not null;
    }

    /// <summary>The band lookups and where the 'below' grade starts, for policies with band or grading tables.</summary>
    private static (BandLookup? Bands, BandLookup? Grading, decimal? BelowLimit, bool BelowAtEdge) Tables(PolicyDefinition definition)
    {
        var bands = definition.Bands is { On: not null } table0 ? BandLookup.TryCreate(table0) : null;
        var grading = definition.Grading is { } g ? BandLookup.TryCreate(g) : null;
        var table = definition.HitPolicy == HitPolicy.Scorecard ? definition.Grading : definition.Bands;
        if (table is { Below: not null, Rows.IsEmpty: false } && table.Rows.All(r => r.Interval!.Value.Low is not null))
        {
            var limit = table.Rows.Min(r => r.Interval!.Value.Low!.Value);
            return (bands, grading, limit, table.Rows.Where(r => r.Interval!.Value.Low == limit).All(r => !r.Interval!.Value.LowInclusive));
        }

        return (bands, grading, null, false);
    }

    public PolicyDefinition Definition { get; }

    /// <summary>A direct-mapped cache of fired-id lists by fired set; entries are immutable, so racing writers are harmless.</summary>
    private readonly FiredIdsEntry?[] _firedIds = new FiredIdsEntry?[FiredIdsCacheSize];
    private const int FiredIdsCacheSize = 1024;

    private sealed record FiredIdsEntry(ulong Mask, IReadOnlyList<string> Ids);

    /// <summary>
    /// The ids of the fired rules, in file order. For policies of up to 64 rules the arrays are shared per fired set
    /// (they are immutable to callers, typed as read-only lists), so deciding the same pattern again allocates nothing.
    /// </summary>
    public IReadOnlyList<string> FiredIds(ulong fired0, ulong[]? firedMore)
    {
        if (firedMore is null)
        {
            var slot = (int)((fired0 * 0x9E3779B97F4A7C15UL) >> 54);
            var entry = Volatile.Read(ref _firedIds[slot]);
            if (entry is not null && entry.Mask == fired0)
            {
                return entry.Ids;
            }

            var ids = Array.AsReadOnly(BuildIds(new Frame.FiredSet(fired0, null)));
            Volatile.Write(ref _firedIds[slot], new FiredIdsEntry(fired0, ids));
            return ids;
        }

        return Array.AsReadOnly(BuildIds(new Frame.FiredSet(fired0, firedMore)));
    }

    private string[] BuildIds(Frame.FiredSet fired)
    {
        var rules = Definition.Rules;
        var count = fired.Count;
        var ids = count == 0 ? [] : new string[count];
        var i = 0;
        foreach (var index in fired)
        {
            ids[i++] = rules[index].Id;
        }

        return ids;
    }

    public FrameShape Shape { get; }

    public ImmutableArray<Grade> Grades { get; }

    public ImmutableArray<ImmutableDictionary<string, string>> GradeOutputs { get; }

    /// <summary>Per rule: the outputs of its grade overlaid by its own.</summary>
    public ImmutableArray<ImmutableDictionary<string, string>> RuleOutputs { get; }

    public ImmutableArray<FieldDefinition> Declared { get; }

    public bool UsesLookup { get; }

    public int SharedConditionCount { get; private set; }

    private static ImmutableDictionary<string, string> Merge(ImmutableDictionary<string, string> under, ImmutableDictionary<string, string> over) =>
        under.IsEmpty ? over : over.IsEmpty ? under : under.SetItems(over);

    /// <summary>
    /// True once the expression-tree backend serves this policy, or when the closures stay: generating it failed, or
    /// the runtime cannot compile generated code (Native AOT).
    /// </summary>
    public bool IsCompiled => Volatile.Read(ref _tier) == 2;

    /// <summary>Compiles the expression-tree backend now (on this thread) and swaps it in.</summary>
    public void Prepare()
    {
        if (Interlocked.CompareExchange(ref _tier, 1, 0) == 0)
        {
            TierUp();
        }
        else
        {
            SpinWait.SpinUntil(() => Volatile.Read(ref _tier) == 2);
        }
    }

    private void TierUp()
    {
        try
        {
            Volatile.Write(ref _kernel, CompileKernel(Definition));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // Code generation is an optimisation: if it ever fails, the closures keep deciding, identically.
        }
        finally
        {
            Volatile.Write(ref _tier, 2);
        }
    }

    private void CountUse()
    {
        // A racy counter is fine: it only decides when to compile; the state flag makes compiling happen once.
        if (_tier == 0 && ++_uses >= TierUpAfter && Interlocked.CompareExchange(ref _tier, 1, 0) == 0)
        {
            QueueTierUp();
        }
    }

    /// <summary>Compiles the expression trees on a pool thread (out of line: a first decision compiles no queueing).</summary>
    private void QueueTierUp() => ThreadPool.UnsafeQueueUserWorkItem(static policy => policy.TierUp(), this, preferLocal: false);

    /// <summary>The first-tier kernel: the same semantics as <see cref="CompileKernel"/>, built from closures.</summary>
    private RuleKernel ClosureKernel(PolicyDefinition policy)
    {
        var rules = RulesKernel(policy);
        if (policy.AppliesWhen is null)
        {
            return rules;
        }

        var applies = ClosureCompiler.Bool(policy.AppliesWhen);
        return frame =>
        {
            var inScope = applies(frame);
            return frame.MissingRead >= 0 ? ScopeNeedsMissing : inScope ? rules(frame) : OutOfScope;
        };
    }

    private RuleKernel RulesKernel(PolicyDefinition policy)
    {
        if (_bandLookup is { } lookup)
        {
            var on = policy.Bands!.On!;
            return frame =>
            {
                if (on.Optional && on.WhenMissing is null && frame.IsMissing(on.Index))
                {
                    Frame.MissingNumber(frame, on.Index);
                    return -1;
                }

                var index = lookup.Find(frame.Numbers[on.Slot]);
                if (index >= 0)
                {
                    frame.SetFired(index);
                }

                return index;
            };
        }

        var checkedRules = new List<RuleDefinition>(policy.Rules.Length);
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
            conditions[i] = rule.Condition is null ? null : ClosureCompiler.Bool(rule.Condition);
            points[i] = rule.Kind == RuleKind.ScoreItem ? ClosureCompiler.Number(rule.Points!) : null;
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
    private RuleKernel CompileKernel(PolicyDefinition policy)
    {
        var frame = Parameter(typeof(Frame), "frame");
        var compiler = new ExpressionCompiler(frame);
        var checkedRules = _bandLookup is not null
            ? []
            : policy.Rules.Where(r => r.Kind != RuleKind.GradingBand && r.Condition is not null || r.Kind == RuleKind.ScoreItem).ToList();
        var conditions = checkedRules.Where(r => r.Condition is not null).Select(r => r.Condition!)
            .Concat(policy.AppliesWhen is null ? [] : [policy.AppliesWhen]).ToList();
        compiler.ShareRepeatedConditions(conditions);
        SharedConditionCount = compiler.SharedCount;
        compiler.FilterDecimalComparisons(conditions, _bandLookup is not null ? [policy.Bands!.On!, policy.Bands!.On!] : []);
        var statements = new List<Expression>();
        var returnLabel = Label(typeof(int), "done");

        if (policy.AppliesWhen is { } appliesWhen)
        {
            var inScope = Variable(typeof(bool), "inScope");
            statements.Add(Expression.Block(
                [inScope],
                Assign(inScope, compiler.Compile(appliesWhen)),
                IfThen(GreaterThanOrEqual(FieldOf<Frame>(frame, nameof(Frame.MissingRead)), Constant(0)), Return(returnLabel, Constant(ScopeNeedsMissing))),
                IfThen(Not(inScope), Return(returnLabel, Constant(OutOfScope)))));
        }

        if (_bandLookup is { } lookup)
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

    /// <summary>Decides one bound frame: validation errors first, then scope, then the rules and the hit policy.</summary>
    public Decision Evaluate(Frame frame, DateOnly? asOf)
    {
        if (frame.Errors is { Count: > 0 })
        {
            return Decision.Invalid(this, asOf, frame.Errors);
        }

        CountUse();
        try
        {
            var first = _kernel(frame);
            if (first == ScopeNeedsMissing)
            {
                return NeededButMissing(frame, asOf, "appliesWhen");
            }

            if (first == OutOfScope)
            {
                return Make(frame, DecisionStatus.NotApplicable, -1, -1, asOf, reportFired: false);
            }

            if (frame.MissingRead >= 0)
            {
                return NeededButMissing(frame, asOf, null);
            }

            return Conclude(frame, first, asOf);
        }
        catch (ArithmeticException ex)
        {
            return Decision.Invalid(this, asOf, [new FieldError("(expression)", $"evaluating a rule failed: {ex.Message}", FieldErrorKind.Evaluation)]);
        }
    }

    private Decision NeededButMissing(Frame frame, DateOnly? asOf, string? where)
    {
        var field = Definition.AllFields[frame.MissingRead];
        var message = field.IsDecisionRef
            ? $"policy '{field.DependsOnPolicy}' gave no grade for this fact, but {where ?? "a rule"} needs {field.Name}"
            : $"'{field.Name}' is missing; it is optional, but {where ?? "a rule"} needs its value here";
        return Decision.Invalid(this, asOf, [new FieldError(field.Name, message, field.IsDecisionRef ? FieldErrorKind.Dependency : FieldErrorKind.NeededButMissing)]);
    }

    private Decision Conclude(Frame frame, int first, DateOnly? asOf)
    {
        int grade = -1, deciding = -1;
        switch (_hitPolicy)
        {
            case HitPolicy.First:
                if (first >= 0)
                {
                    deciding = first;
                    grade = _ruleGrade[first];
                }

                break;
            case HitPolicy.Unique:
                {
                    var count = frame.FiredCount;
                    if (count > 1)
                    {
                        return Conflict(frame, count, asOf);
                    }

                    if (count == 1)
                    {
                        foreach (var index in frame.FiredIndices())
                        {
                            deciding = index;
                        }

                        grade = _ruleGrade[deciding];
                    }

                    break;
                }

            case HitPolicy.Worst:
            case HitPolicy.Best:
            case HitPolicy.Collect:
                (grade, deciding) = PickByRank(frame, _hitPolicy == HitPolicy.Best);
                break;
            case HitPolicy.Scorecard:
                (grade, deciding) = Score(frame);
                break;
        }

        if (FinalGrade(grade, frame.FiredCount > 0, frame) is { } final)
        {
            return Make(frame, DecisionStatus.Classified, final, grade >= 0 ? deciding : -1, asOf);
        }

        return new Decision(this, DecisionStatus.Unclassified, -1, -1, asOf, frame.Fired0, frame.CopyFiredMore())
            {
                ErrorList = [NoMatch(frame)],
                Score = IsScorecard ? frame.Score : null,
                ItemPoints = IsScorecard ? (decimal[])frame.ItemPoints!.Clone() : null,
            };
    }

    // Kept out of Conclude: a lambda there would allocate its closure on every decision, conflict or not.
    private Decision Conflict(Frame frame, int count, DateOnly? asOf)
    {
        var ids = string.Join(", ", frame.FiredIndices().Select(i => Definition.Rules[i].Id));
        return new Decision(this, DecisionStatus.Conflict, -1, -1, asOf, frame.Fired0, frame.CopyFiredMore())
        {
            ErrorList = [new FieldError("(rules)", $"hitPolicy unique allows one matching rule, but {count} matched: {ids}", FieldErrorKind.Conflict)],
        };
    }

    private bool IsScorecard => _hitPolicy == HitPolicy.Scorecard;

    /// <summary>
    /// Recent decisions by outcome: 1,024 sets of two (most recent first), made on first use. Entries are immutable
    /// and written whole, so racing writers can only lose an entry, never mix two.
    /// </summary>
    private Decision?[]? _decisions;
    private const int DecisionSetBits = 10;

    /// <summary>
    /// The decision for a frame that came to <paramref name="status"/> without errors. A decision keeps nothing of
    /// the fact, so, for policies of up to 64 rules that are not scorecards (whose score is per fact), facts with the
    /// same outcome share one instance: deciding a known outcome again allocates nothing.
    /// </summary>
    private Decision Make(Frame frame, DecisionStatus status, int grade, int deciding, DateOnly? asOf, bool reportFired = true)
    {
        var fired0 = reportFired ? frame.Fired0 : 0;
        if (IsScorecard || frame.FiredMore is not null)
        {
            var scored = IsScorecard && reportFired;
            return new Decision(this, status, grade, deciding, asOf, fired0, reportFired ? frame.CopyFiredMore() : null)
            {
                Score = scored ? frame.Score : null,
                ItemPoints = scored ? (decimal[])frame.ItemPoints!.Clone() : null,
            };
        }

        return Make(fired0, status, grade, deciding, asOf);
    }

    /// <summary>
    /// Per status, the last decision in which no rule fired and no as-of date was given: the commonest outcomes of a
    /// portfolio (the default grade, not applicable) found without hashing.
    /// </summary>
    private readonly Decision?[] _quiet = new Decision?[5];

    /// <summary>The shared decision for an outcome without per-fact data (policies of up to 64 rules, not scorecards).</summary>
    private Decision Make(ulong fired0, DecisionStatus status, int grade, int deciding, DateOnly? asOf)
    {
        if (fired0 == 0 && asOf is null)
        {
            var quiet = _quiet[(int)status];
            if (quiet is not null && quiet.GradeIndex == grade && quiet.DecidingIndex == deciding)
            {
                return quiet;
            }

            quiet = MakeShared(0, status, grade, deciding, null);
            _quiet[(int)status] = quiet;
            return quiet;
        }

        return MakeShared(fired0, status, grade, deciding, asOf);
    }

    private Decision MakeShared(ulong fired0, DecisionStatus status, int grade, int deciding, DateOnly? asOf)
    {
        var cache = _decisions ?? InitDecisionCache();
        var way0 = (int)(((fired0 ^ ((ulong)(uint)grade << 40) ^ ((ulong)status << 56)) * 0x9E3779B97F4A7C15UL) >> (64 - DecisionSetBits)) << 1;
        var first = Volatile.Read(ref cache[way0]);
        if (first is not null && first.Matches(status, grade, deciding, fired0, asOf))
        {
            return first;
        }

        var second = Volatile.Read(ref cache[way0 + 1]);
        if (second is not null && second.Matches(status, grade, deciding, fired0, asOf))
        {
            return second;
        }

        var made = new Decision(this, status, grade, deciding, asOf, fired0, null);
        Volatile.Write(ref cache[way0 + 1], first);
        Volatile.Write(ref cache[way0], made);
        return made;
    }

    private Decision?[] InitDecisionCache()
    {
        Interlocked.CompareExchange(ref _decisions, new Decision?[2 << DecisionSetBits], null);
        return _decisions;
    }

    /// <summary>Says, for a person, which value fell through: the banded value, or that no rule matched.</summary>
    private FieldError NoMatch(Frame frame)
    {
        var table = Definition.HitPolicy == HitPolicy.Scorecard ? Definition.Grading : Definition.Bands;
        if (table is not null)
        {
            var (name, value) = table.On is { } on ? (on.Name, frame.Numbers[on.Slot]) : ("score", frame.Score);
            return new FieldError(name, $"{name} = {FactBinder.Format(value)} matches no band and the policy has no default", FieldErrorKind.NoMatch);
        }

        return new FieldError("(rules)", "no rule matched and the policy has no default", FieldErrorKind.NoMatch);
    }

    private (int Grade, int Deciding) PickByRank(Frame frame, bool best)
    {
        var ruleGrade = _ruleGrade;
        int grade = -1, deciding = -1;
        foreach (var index in frame.FiredIndices())
        {
            var g = ruleGrade[index];
            if (g >= 0 && (grade < 0 || (best ? g < grade : g > grade)))
            {
                grade = g;
                deciding = index;
            }
        }

        return (grade, deciding);
    }

    private (int Grade, int Deciding) Score(Frame frame)
    {
        var rules = Definition.Rules;
        int veto = -1, vetoGrade = -1;
        foreach (var index in frame.FiredIndices())
        {
            if (rules[index].Kind == RuleKind.Veto && rules[index].Grade is { } g && g > vetoGrade)
            {
                veto = index;
                vetoGrade = g;
            }
        }

        if (veto >= 0)
        {
            return (vetoGrade, veto);
        }

        var grading = Definition.Grading;
        if (grading is null)
        {
            return (-1, -1);
        }

        var row = -1;
        if (_gradingLookup is not null)
        {
            row = _gradingLookup.Find(frame.Score);
        }
        else
        {
            foreach (var candidate in grading.Rows)
            {
                if (candidate.Interval!.Value.Contains(frame.Score))
                {
                    row = candidate.Index;
                    break;
                }
            }
        }

        if (row < 0)
        {
            return (-1, -1);
        }

        frame.SetFired(row);
        return (rules[row].Grade!.Value, row);
    }

    /// <summary>
    /// The grade a decision is classified with once the hit policy has picked <paramref name="picked"/> (or -1): that
    /// grade; none (-1) for a <c>collect</c> that fired rules without grades and has no default; the <c>below</c> grade
    /// when the banded value lies under every band; the default. Null when nothing classifies (unclassified).
    /// </summary>
    /// <param name="picked">The grade the hit policy picked, or -1.</param>
    /// <param name="anyFired">Whether any rule fired.</param>
    /// <param name="frame">The frame, to read the banded value from; null for a typed kernel, which passes it.</param>
    /// <param name="banded">The banded value of a typed kernel.</param>
    private int? FinalGrade(int picked, bool anyFired, Frame? frame, decimal banded = 0)
    {
        if (picked >= 0)
        {
            return picked;
        }

        var policy = Definition;
        if (_hitPolicy == HitPolicy.Collect && anyFired && policy.DefaultGrade is null)
        {
            return -1;
        }

        if (_belowLimit is { } limit && (frame is null ? banded : BandedValue(frame)) is { } value)
        {
            var c = decimal.Compare(value, limit);
            if (c < 0 || (c == 0 && _belowAtEdge))
            {
                return (_hitPolicy == HitPolicy.Scorecard ? policy.Grading! : policy.Bands!).Below;
            }
        }

        return policy.DefaultGrade;
    }

    /// <summary>The value a band table (or a scorecard's grading) is on, or null when that field is missing.</summary>
    private decimal? BandedValue(Frame frame)
    {
        var table = _hitPolicy == HitPolicy.Scorecard ? Definition.Grading! : Definition.Bands!;
        return table.On is not { } on ? frame.Score
            : frame.IsMissing(on.Index) ? null
            : frame.Numbers[on.Slot];
    }

    /// <summary>The thread's spare frame of the policy it decided last (the common case: one policy per loop).</summary>
    [ThreadStatic]
    private static Frame? t_spareFrame;

    /// <summary>The thread's spare frames of other policies (chained policies, hosts that switch between a few).</summary>
    [ThreadStatic]
    private static Frame?[]? t_spareFrames;

    /// <summary>
    /// A frame for one decision on this thread: the thread's spare frame of this policy when there is one (reset),
    /// else a new one. Give it back with <see cref="GiveBack"/> once the decision is made; a frame that is never given
    /// back (a trace, an exception) is simply collected. Spares hold at most five frames per thread.
    /// </summary>
    public Frame Rent()
    {
        var spare = t_spareFrame;
        if (spare is not null && ReferenceEquals(spare.Owner, this))
        {
            t_spareFrame = null;
            spare.Reset();
            return spare;
        }

        return RentOther();
    }

    private Frame RentOther()
    {
        if (t_spareFrames is { } spares)
        {
            for (var i = 0; i < spares.Length; i++)
            {
                var spare = spares[i];
                if (spare is not null && ReferenceEquals(spare.Owner, this))
                {
                    spares[i] = null;
                    spare.Reset();
                    return spare;
                }
            }
        }

        return new Frame(this, Shape);
    }

    /// <summary>Keeps a frame whose decision is made as this thread's spare for its policy.</summary>
    public static void GiveBack(Frame frame)
    {
        var current = t_spareFrame;
        if (current is null || ReferenceEquals(current.Owner, frame.Owner))
        {
            t_spareFrame = frame;
            return;
        }

        // The most recent frame stays in front; the one it displaces joins the others.
        t_spareFrame = frame;
        var spares = t_spareFrames ??= new Frame?[4];
        var free = -1;
        for (var i = 0; i < spares.Length; i++)
        {
            if (spares[i] is null)
            {
                free = free < 0 ? i : free;
            }
            else if (ReferenceEquals(spares[i]!.Owner, current.Owner))
            {
                spares[i] = current;
                return;
            }
        }

        spares[free < 0 ? (int)((uint)current.Owner.GetHashCode() % (uint)spares.Length) : free] = current;
    }

    /// <summary>The typed kernel for the POCO type that most recently earned one, or null.</summary>
    private TypedKernel? _typed;

    /// <summary>Builds the typed kernel for <paramref name="type"/> now, when the policy allows one (tests, hosts that prepare).</summary>
    /// <returns>Whether facts of that type now take the typed kernel.</returns>
    internal bool PrepareTyped(Type type)
    {
        TypedKernel? kernel;
        try
        {
            kernel = TypedKernel.TryBuild(Definition, _bandLookup, type);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            // Runs on a pool thread: a type the builder cannot handle keeps the general path, never fails the host.
            kernel = null;
        }

        if (kernel is null)
        {
            return false;
        }

        Volatile.Write(ref _typed, kernel);
        return true;
    }

    /// <summary>
    /// Decides a fact with the typed kernel of its type, or returns null when there is none or the fact needs the
    /// general path (it fails validation, arithmetic fails, or the outcome carries per-fact data: no match, conflict).
    /// </summary>
    public Decision? TryDecideTyped(object fact, DateOnly? asOf)
    {
        var typed = _typed;
        return typed is null || !ReferenceEquals(typed.Type, fact.GetType()) ? null : DecideTyped(typed, fact, asOf);
    }

    /// <summary>The typed kernel for <paramref name="type"/> when there is one now (a batch reads it once).</summary>
    public TypedKernel? TypedKernelFor(Type type) => _typed is { } typed && ReferenceEquals(typed.Type, type) ? typed : null;

    /// <summary>Decides a fact of <paramref name="typed"/>'s type with it; null when the general path must decide.</summary>
    public Decision? DecideTyped(TypedKernel typed, object fact, DateOnly? asOf)
    {
        var result = default(TypedResult);
        int first;
        try
        {
            first = typed.Run(fact, ref result);
        }
        catch (ArithmeticException)
        {
            return null;
        }

        if (first < -1)
        {
            return first == OutOfScope ? Make(0, DecisionStatus.NotApplicable, -1, -1, asOf) : null;
        }

        // A typed kernel's deciding rule follows from the fired rules (the lone first hit or band, the pick by grade),
        // so without an as-of date the fired rules name the decision, unless no rule decided and the grade comes from
        // 'below', which reads the banded value: such decisions are not kept.
        var fired = result.Fired;
        if (asOf is not null)
        {
            return ConcludeTyped(fired, first, result.Banded, asOf);
        }

        var known = _typedOutcomes ?? InitTypedOutcomes();
        var slot = (int)((fired * 0x9E3779B97F4A7C15UL) >> (64 - TypedOutcomeBits));
        if (Volatile.Read(ref known[slot]) is { } seen && seen.Fired0 == fired)
        {
            return seen;
        }

        var decision = ConcludeTyped(fired, first, result.Banded, null);
        if (decision is not null && (_belowLimit is null || decision.DecidingIndex >= 0))
        {
            Volatile.Write(ref known[slot], decision);
        }

        return decision;
    }

    private const int TypedOutcomeBits = 10;

    /// <summary>
    /// Decisions of the typed kernel by fired rules (without an as-of date), direct-mapped on a hash of the fired mask:
    /// the portfolio's common outcomes found with one load and one comparison. Entries are immutable decisions.
    /// </summary>
    private Decision?[]? _typedOutcomes;

    private Decision?[] InitTypedOutcomes()
    {
        Interlocked.CompareExchange(ref _typedOutcomes, new Decision?[1 << TypedOutcomeBits], null);
        return _typedOutcomes;
    }

    /// <summary><see cref="Conclude"/> for a typed kernel's result; null for the outcomes that need the frame (conflict, no match).</summary>
    private Decision? ConcludeTyped(ulong fired, int first, decimal banded, DateOnly? asOf)
    {
        // The kernel's result is the deciding rule (first hit, band, or the pick of worst, best and collect), except
        // under unique, where the one fired rule decides and more than one is a conflict.
        var deciding = first;
        if (_hitPolicy == HitPolicy.Unique)
        {
            if (BitOperations.PopCount(fired) > 1)
            {
                return null;
            }

            deciding = fired != 0 ? BitOperations.TrailingZeroCount(fired) : -1;
        }

        var grade = deciding >= 0 ? _ruleGrade[deciding] : -1;

        // A typed kernel sets the banded value for every band table on a field (the only kind it serves).
        return FinalGrade(grade, fired != 0, null, banded) is { } final
            ? Make(fired, DecisionStatus.Classified, final, grade >= 0 ? deciding : -1, asOf)
            : null;
    }

    /// <summary>Binds and validates a fact into a frame (decision pseudo-fields are filled by the caller).</summary>
    public void Bind(object fact, Frame frame)
    {
        var type = fact.GetType();
        var last = Volatile.Read(ref _lastBinder);
        if (last is not null && last.Type == type)
        {
            // The common case: the same POCO type as last time; no interface checks, no dictionary lookup.
            last.Bind(fact, frame);
        }
        else if (fact is System.Collections.IDictionary or IReadOnlyDictionary<string, object?> or IDictionary<string, object?> || FactBinder.IsJson(type))
        {
            FactBinder.Bind(fact, Declared, frame);
        }
        else if (PocoBinderFor(type) is { } binder)
        {
            binder(fact, frame);
        }
        else
        {
            FactBinder.Bind(fact, Declared, frame);
        }
    }

    private sealed record TypedBinder(Type Type, Action<object, Frame> Bind);

    /// <summary>
    /// Where no code can be generated (Native AOT), gives POCO facts of type <typeparamref name="TFact"/> a binder built
    /// from typed getter delegates (<see cref="DelegateBinder"/>) instead of reflection per fact; called by the generic
    /// entry points, which know the type. Dictionaries, abstract types and interfaces keep their usual path.
    /// </summary>
    internal void PrepareBinder<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TFact>()
    {
        var type = typeof(TFact);
        if (!DelegateBinder.FactType<TFact>.IsPoco || Volatile.Read(ref _lastBinder)?.Type == type || HasBinderFor(type))
        {
            return;
        }

        Interlocked.CompareExchange(ref PocoTypeFor(type).Binder, new TypedBinder(type, DelegateBinder.Build<TFact>(Declared)), null);
    }

    /// <summary>Whether facts of this exact type have their own binder yet (compiled, or prepared from delegates).</summary>
    internal bool HasBinderFor(Type type) => FindPocoType(type)?.Binder is not null;

    /// <summary>POCO facts of one type bound by reflection before the type gets its compiled binder.</summary>
    internal const int CompileBinderAfter = 64;

    /// <summary>
    /// The POCO types this policy has seen, each with its count of facts bound by reflection and, once earned, its
    /// binder. A policy meets a handful of fact types, so a copy-on-write array searched in order serves better than a
    /// concurrent dictionary, whose generic machinery a first decision would have to load: readers never lock, and
    /// a new type is added under a lock.
    /// </summary>
    private PocoType[] _pocoTypes = [];
    private readonly object _pocoTypesLock = new();
    private TypedBinder? _lastBinder;

    private sealed class PocoType(Type type)
    {
        public readonly Type Type = type;
        public int Uses;
        public TypedBinder? Binder;
    }

    private PocoType? FindPocoType(Type type)
    {
        foreach (var entry in Volatile.Read(ref _pocoTypes))
        {
            if (entry.Type == type)
            {
                return entry;
            }
        }

        return null;
    }

    private PocoType PocoTypeFor(Type type)
    {
        if (FindPocoType(type) is { } found)
        {
            return found;
        }

        lock (_pocoTypesLock)
        {
            if (FindPocoType(type) is { } added)
            {
                return added;
            }

            var entry = new PocoType(type);
            var grown = new PocoType[_pocoTypes.Length + 1];
            Array.Copy(_pocoTypes, grown, _pocoTypes.Length);
            grown[^1] = entry;
            Volatile.Write(ref _pocoTypes, grown);
            return entry;
        }
    }

    /// <summary>
    /// The compiled binder for a POCO type, or null while the type is new: the first few facts of a type are bound by
    /// reflection (no code generation on a cold start), then a binder is compiled once and the last one used is
    /// checked first.
    /// </summary>
    private Action<object, Frame>? PocoBinderFor(Type type)
    {
        var entry = PocoTypeFor(type);
        if (Volatile.Read(ref entry.Binder) is { } existing)
        {
            Volatile.Write(ref _lastBinder, existing);
            return existing.Bind;
        }

        if (!CodeGeneration.IsAvailable || Interlocked.Increment(ref entry.Uses) < CompileBinderAfter)
        {
            return null; // bound by reflection (under Native AOT, unless a generic entry point prepared a delegate binder: PrepareBinder)
        }

        return EarnBinder(entry);
    }

    /// <summary>Compiles the binder a POCO type has earned and, where it can, queues its fused typed kernel.</summary>
    private Action<object, Frame> EarnBinder(PocoType entry)
    {
        var binder = Interlocked.CompareExchange(ref entry.Binder, new TypedBinder(entry.Type, PocoBinder.Build(entry.Type, Declared)), null) ?? entry.Binder!;
        if (TypedKernel.CanBuild(Definition, entry.Type))
        {
            // Facts of this type earned compiled code: fuse binding and rules too, off the caller's thread.
            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Policy.PrepareTyped(state.Type), (Policy: this, Type: entry.Type), preferLocal: false);
        }

        Volatile.Write(ref _lastBinder, binder);
        return binder.Bind;
    }
}
