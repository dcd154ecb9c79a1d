using Tiering.Rules.Text;

namespace Tiering.Rules.Model;

// The model's collections are arrays, never written after the build, rather than immutable arrays: a class's field of
// the struct ImmutableArray<T> makes the runtime load that instantiation and its nine interfaces with the class, for
// every policy of a process's first load (docs/DESIGN.md §6a). What the public API hands out of them is a read-only view.

/// <summary>An analysis finding the author acknowledges in the YAML (<c>accept: [{ code, reason }]</c>).</summary>
internal sealed record Acceptance(string Code, string Reason, SourceSpan Span);

/// <summary>A declared grade: an id that code relies on and an optional label for people.</summary>
internal sealed record GradeDefinition(string Id, string? Label, int Rank, OutputMap Outputs, SourceSpan Span)
{
    /// <summary>Outputs computed from the fact (<c>name: =expression</c>), in the order written.</summary>
    public ComputedOutput[] Computed { get; init; } = [];
}

/// <summary>
/// An output whose value is an expression (<c>provision: =round(balance * 0.25, 2)</c>): typed at load, evaluated for
/// the rule or grade that decided (under <c>collect</c>, for every fired rule).
/// </summary>
/// <param name="Name">The output's key.</param>
/// <param name="Expr">The bound expression (any type).</param>
/// <param name="Text">The expression as written, after the <c>=</c>, for traces.</param>
/// <param name="Span">Where the output is written.</param>
internal sealed record ComputedOutput(string Name, BoundExpr Expr, string Text, SourceSpan Span);

internal enum RuleKind
{
    Rule,
    Band,
    ScoreItem,
    Veto,
    GradingBand,
}

/// <summary>
/// One rule, band row, score item, veto or grading row. <see cref="Index"/> is its bit in the fired set.
/// A band or grading row carries its <see cref="Interval"/> on the table's field (or on the score).
/// </summary>
internal sealed record RuleDefinition(
    string Id,
    int Index,
    RuleKind Kind,
    BoundExpr? Condition,
    int? Grade,
    OutputMap Outputs,
    string? Because,
    SourceSpan Span)
{
    public BoundExpr? Points { get; init; }

    /// <summary>Under <c>collect</c>: the rule's place in the list of fired rules (1 first; ties keep rule order), or null.</summary>
    public int? Priority { get; init; }

    /// <summary>Outputs computed from the fact (<c>name: =expression</c>), in the order written.</summary>
    public ComputedOutput[] Computed { get; init; } = [];

    public Interval? Interval { get; init; }

    public Acceptance[] Accepts { get; init; } = [];

    /// <summary>The condition as the author wrote it (or as a band's interval), for traces.</summary>
    public string? Text { get; init; }

    /// <summary>Fields whose values are the evidence of this rule, in declared order.</summary>
    public FieldDefinition[] Reads { get; init; } = [];
}

/// <summary>
/// A cross-field check (<c>require:</c>): when <see cref="Condition"/> is false for a valid fact, the decision is
/// invalid with <see cref="Message"/> against each of <see cref="Fields"/>. Checked after validation, before scope.
/// </summary>
internal sealed record Requirement(BoundExpr Condition, string Message, FieldDefinition[] Fields, string Text, SourceSpan Span);

/// <summary>How an <see cref="Aggregate"/> folds one output of the fired rules.</summary>
internal enum AggregateKind
{
    Sum,
    Min,
    Max,
    Count,
}

/// <summary>
/// An output of a <c>collect</c> decision folded from one output of every fired rule, in rule order
/// (<c>aggregate: { total: { sum: fee } }</c>).
/// </summary>
internal sealed record Aggregate(string Name, AggregateKind Kind, string Output, SourceSpan Span);

/// <summary>An interval on a number line; a null bound is unbounded on that side.</summary>
internal readonly record struct Interval(decimal? Low, bool LowInclusive, decimal? High, bool HighInclusive)
{
    public bool Contains(decimal value) =>
        (Low is not { } low || (LowInclusive ? value >= low : value > low))
        && (High is not { } high || (HighInclusive ? value <= high : value < high));

    /// <summary>True when <paramref name="value"/> lies below the interval's lower end.</summary>
    public bool IsAbove(decimal value) => Low is { } low && (LowInclusive ? value < low : value <= low);

    public override string ToString()
    {
        var lo = Low?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-∞";
        var hi = High?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "+∞";
        return $"{(LowInclusive && Low is not null ? '[' : '(')}{lo}, {hi}{(HighInclusive && High is not null ? ']' : ')')}";
    }
}

/// <summary>A band table: rows on one numeric field, and the grade for values under the lowest row.</summary>
internal sealed record BandTable(FieldDefinition? On, RuleDefinition[] Rows, int? Below, SourceSpan Span)
{
    public Acceptance[] Accepts { get; init; } = [];
}

/// <summary>The validated, immutable model of one version of one policy.</summary>
internal sealed record PolicyDefinition(
    string Id,
    string Version,
    string? Title,
    string? Source,
    DateOnly? EffectiveFrom,
    DateOnly? EffectiveUntil,
    FieldDefinition[] Fields,
    FieldDefinition[] DecisionRefs,
    BoundExpr? AppliesWhen,
    GradeDefinition[] Grades,
    HitPolicy HitPolicy,
    int? DefaultGrade,
    RuleDefinition[] Rules,
    BandTable? Bands,
    BandTable? Grading,
    SourceSpan Span)
{
    /// <summary>Declared fields followed by decision and aggregate pseudo-fields, in <see cref="FieldDefinition.Index"/> order.</summary>
    public FieldDefinition[] AllFields { get; init; } = [];

    public Acceptance[] Accepts { get; init; } = [];

    /// <summary>True when the author states that no two rules should match one fact (overlaps are then reported).</summary>
    public bool Disjoint { get; init; }

    /// <summary>Where the rules (or bands, or score items) begin, for findings about the set as a whole.</summary>
    public SourceSpan RulesSpan { get; init; }

    /// <summary>
    /// Pseudo-fields for the other parts of chained decisions (<c>decision('x').score</c>, <c>.status</c>,
    /// <c>.outputs.name</c>, <c>.fired('ID')</c>); each policy they name is also in <see cref="DecisionRefs"/>.
    /// </summary>
    public FieldDefinition[] DecisionMembers { get; init; } = [];

    /// <summary>Derived values (<c>let:</c>) in the order written: each may read the fields and the values before it.</summary>
    public FieldDefinition[] Derived { get; init; } = [];

    /// <summary>For <c>collect</c>: outputs folded from the fired rules' outputs (<c>aggregate:</c>).</summary>
    public Aggregate[] Aggregates { get; init; } = [];

    /// <summary>Cross-field checks (<c>require:</c>), in the order written.</summary>
    public Requirement[] Requirements { get; init; } = [];

    /// <summary>The <c>asOf</c> pseudo-field when an expression reads the as-of date; otherwise null.</summary>
    public FieldDefinition? AsOfField { get; init; }
    /// <summary>The <c>group:</c> section of a policy that decides over many facts at once; null for a single-fact policy.</summary>
    public GroupDefinition? Group { get; init; }

    /// <summary>The appliesWhen expression as written, for traces.</summary>
    public string? AppliesWhenText { get; init; }

    public bool IsEffectiveOn(DateOnly date) =>
        (EffectiveFrom is not { } from || date >= from) && (EffectiveUntil is not { } until || date < until);

    public string Display => $"{Id}@{Version}";

    /// <summary>
    /// True when a decision needs more than the rules: computed outputs, derived values, cross-field checks or the
    /// as-of date. Typed kernels (which decide without a frame) are not built for such policies.
    /// </summary>
    public bool HasPerFactExtras() => HasExtras && (HasPrelude || HasFormulas());

    /// <summary>
    /// Set by the builder when the policy uses any of formulas, derived values, checks, asOf, aggregates or other
    /// decisions' members: everything that asks for them looks here first, so a first load of a policy that uses none
    /// compiles none of it (DESIGN §6a).
    /// </summary>
    public bool HasExtras { get; init; }

    /// <summary>Whether something runs between binding and the rules: the as-of date, derived values, checks.</summary>
    public bool HasPrelude => AsOfField is not null || Derived.Length > 0 || Requirements.Length > 0;

    /// <summary>Whether any grade or rule has a computed output.</summary>
    // A loop, not LINQ: every load asks this (each lambda is one more method for a first load to compile).
    public bool HasFormulas()
    {
        foreach (var grade in Grades)
        {
            if (grade.Computed.Length > 0)
            {
                return true;
            }
        }

        foreach (var rule in Rules)
        {
            if (rule.Computed.Length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
