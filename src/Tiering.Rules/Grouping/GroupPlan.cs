using System.Collections.Immutable;
using System.Globalization;
using Tiering.Rules.Compilation;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Grouping;

/// <summary>
/// How one version of a group policy groups and aggregates its members, compiled once per load: the key, the
/// constant fields, and each aggregate's member condition as a closure over the member's frame (bound, validated and
/// with its chained decisions written, exactly as for a single-fact decision). Frame-free results: a member's key, the
/// conditions it meets. Immutable and thread-safe; any engine that can fill a member's frame groups with it, so both
/// engines aggregate identically.
/// </summary>
internal sealed class GroupPlan
{
    private readonly Func<Frame, bool>?[] _where;

    public GroupPlan(PolicyDefinition definition, FrameLayout layout)
    {
        Definition = definition;
        Group = definition.Group ?? throw new ArgumentException($"policy '{definition.Id}' has no group section", nameof(definition));
        var compiler = new ClosureCompiler(layout);
        _where = new Func<Frame, bool>?[Group.Aggregates.Length];
        var readsDecisions = new bool[_where.Length];
        for (var i = 0; i < _where.Length; i++)
        {
            if (Group.Aggregates[i].Where is { } where)
            {
                _where[i] = compiler.Bool(where);
                foreach (var field in BoundExprWalker.FieldsRead(where))
                {
                    readsDecisions[i] |= field.IsDecisionRef;
                }
            }
        }

        WhereReadsDecisions = readsDecisions;
        var refs = new int[_where.Length][];
        for (var i = 0; i < refs.Length; i++)
        {
            var indices = new List<int>();
            if (Group.Aggregates[i].Where is { } where)
            {
                foreach (var field in BoundExprWalker.FieldsRead(where))
                {
                    if (field.IsDecisionRef)
                    {
                        indices.Add(definition.DecisionRefs.IndexOf(field));
                    }
                }
            }

            refs[i] = [.. indices];
        }

        WhereDecisionRefs = refs;
        var keyNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Group.Key)
        {
            keyNames.Add(key.Name);
        }

        _keyNames = keyNames;
    }

    private readonly HashSet<string> _keyNames;

    public PolicyDefinition Definition { get; }

    public GroupDefinition Group { get; }

    public int AggregateCount => _where.Length;

    /// <summary>Per aggregate: the indices (in <see cref="PolicyDefinition.DecisionRefs"/>) of the chained decisions its member condition reads.</summary>
    public int[][] WhereDecisionRefs { get; }

    /// <summary>Per aggregate: whether its member condition reads a chained decision (its evidence then names the member rules).</summary>
    public bool[] WhereReadsDecisions { get; }

    /// <summary>Whether the member's key fields bound without errors (so it belongs to a group even if it is invalid).</summary>
    public bool HasKey(Frame frame)
    {
        if (frame.Errors is { } errors)
        {
            foreach (var error in errors)
            {
                if (_keyNames.Contains(error.Field))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The member's key values as text, in key order.</summary>
    public string[] KeyValuesOf(Frame frame)
    {
        var values = new string[Group.Key.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Text(Group.Key[i], frame.Read(Group.Key[i]));
        }

        return values;
    }

    /// <summary>The key that identifies the member's group (<see cref="Join"/> of <see cref="KeyValuesOf"/>), without an array for a single key field.</summary>
    public string KeyOf(Frame frame) =>
        Group.Key.Length == 1 ? Text(Group.Key[0], frame.Read(Group.Key[0])) : Join(KeyValuesOf(frame));

    /// <summary>The one string that identifies a group: the key values, joined by a unit separator when there are several.</summary>
    public static string Join(string[] values) => values.Length == 1 ? values[0] : string.Join('\u001f', values);

    /// <summary>
    /// Evaluates each aggregate's member condition on a valid member's frame into <paramref name="holds"/>; false, with
    /// the error that makes the member invalid, when a condition reads a missing value or its arithmetic fails.
    /// </summary>
    public bool Evaluate(Frame frame, bool[] holds, out FieldError? error)
    {
        error = null;
        try
        {
            for (var i = 0; i < _where.Length; i++)
            {
                holds[i] = _where[i] is not { } where || where(frame);
                if (frame.MissingRead >= 0)
                {
                    var field = Definition.AllFields[frame.MissingRead];
                    error = new FieldError(
                        field.Name,
                        field.IsDecisionRef
                            ? $"policy '{field.DependsOnPolicy}' gave no grade for this fact, but the member condition of aggregate '{Group.Aggregates[i].Name}' needs {field.Name}"
                            : $"'{field.Name}' is missing; it is optional, but the member condition of aggregate '{Group.Aggregates[i].Name}' needs its value",
                        field.IsDecisionRef ? FieldErrorKind.Dependency : FieldErrorKind.NeededButMissing);
                    return false;
                }
            }
        }
        catch (ArithmeticException ex)
        {
            error = new FieldError("(expression)", $"evaluating a member condition failed: {ex.Message}", FieldErrorKind.Evaluation);
            return false;
        }

        return true;
    }

    /// <summary>The number an aggregate reads from a member (0 for a count).</summary>
    public decimal ValueOf(Frame frame, int aggregate) =>
        Group.Aggregates[aggregate].Of is { } of ? frame.NumberOf(of) : 0;

    /// <summary>Writes a group's aggregates into a member's frame (or marks them missing) before its rules run.</summary>
    public void Write(Frame frame, AggregateResult[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var field = Group.Aggregates[i].Field;
            if (values[i].Value is { } value)
            {
                frame.WriteNumber(field, value); // normalised by GroupTable.Results: trailing zeros dropped, as reported
            }
            else
            {
                frame.MarkMissing(field.Index);
            }
        }
    }

    /// <summary>A key or constant value as text (numbers and dates invariant, flags true/false).</summary>
    public static string Text(FieldDefinition field, RuntimeValue value) => value.ToObject(field) switch
    {
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        var other => other?.ToString() ?? string.Empty,
    };
}
