using System.Globalization;
using Tiering.Rules.Model;

namespace Tiering.Rules.NRules.Tests.Support;

/// <summary>
/// Random facts for a loaded policy (every version of it, and the policies it reads), aimed at what decides: every
/// number the conditions and bands compare with (the edge itself, ±0.001, ±0.01, ±1), the fields' min and max, each
/// enum value and text literal, dates around the date literals; and at what goes wrong: an optional field left out,
/// a required one left out, a value of the wrong type, out of range or off the enum. Deterministic for a seed.
/// </summary>
internal sealed class FactGenerator
{
    private readonly List<Slot> _fields = [];
    private readonly Random _random;

    public FactGenerator(PolicySet policies, string policyId, int seed)
    {
        _random = new Random(seed);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>([policyId]);
        while (pending.TryDequeue(out var id))
        {
            if (!seen.Add(id))
            {
                continue;
            }

            foreach (var version in policies.Versions(id))
            {
                Collect(version.Definition);
                foreach (var dependency in version.Definition.DecisionRefs)
                {
                    pending.Enqueue(dependency.DependsOnPolicy!);
                }
            }
        }

        AsOfDates = [.. seen.SelectMany(policies.Versions)
            .SelectMany(v => new[] { v.Definition.EffectiveFrom, v.Definition.EffectiveUntil })
            .OfType<DateOnly>()
            .SelectMany(d => new[] { d.AddDays(-1), d, d.AddDays(1) })
            .Distinct()
            .Order()];
    }

    /// <summary>The as-of dates around every version's effective dates (empty when no version is dated).</summary>
    public IReadOnlyList<DateOnly> AsOfDates { get; }

    public Dictionary<string, object?> Next()
    {
        var fact = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var slot in _fields)
        {
            var roll = _random.Next(1000);
            if (roll < (slot.Field.Optional ? 120 : 8))
            {
                continue; // left out: missing (optional) or invalid (required)
            }

            fact[slot.Field.Name] = roll < 150 ? Wrong(slot) : Valid(slot);
        }

        return fact;
    }

    private object? Valid(Slot slot)
    {
        var field = slot.Field;
        switch (field.Type)
        {
            case FieldType.Boolean:
                return _random.Next(2) == 1;
            case FieldType.Enum:
                return field.Domain!.Values[_random.Next(field.Domain.Values.Length)];
            case FieldType.String:
                return slot.Texts.Count > 0 && _random.Next(4) > 0 ? slot.Texts[_random.Next(slot.Texts.Count)] : "x" + _random.Next(5).ToString(CultureInfo.InvariantCulture);
            case FieldType.Date:
                var day = slot.Edges.Count > 0 && _random.Next(4) > 0 ? (int)slot.Edges[_random.Next(slot.Edges.Count)] : DateOnly.FromDateTime(new DateTime(2024, 1, 1)).DayNumber;
                return DateOnly.FromDayNumber(day + _random.Next(-2, 3));
            default:
                var number = Number(slot);
                return field.Type == FieldType.Integer ? (object)(long)number : number;
        }
    }

    private decimal Number(Slot slot)
    {
        var field = slot.Field;
        decimal value;
        if (slot.Edges.Count > 0 && _random.Next(10) < 8)
        {
            var edge = slot.Edges[_random.Next(slot.Edges.Count)];
            decimal[] steps = field.Type == FieldType.Integer ? [0, 0, 1, -1, 2, -2] : [0, 0, 0.001m, -0.001m, 0.01m, -0.01m, 1, -1];
            value = edge + steps[_random.Next(steps.Length)];
        }
        else
        {
            var low = field.Min ?? -100m;
            var high = field.Max ?? Math.Max(low + 1000m, slot.Edges.Count > 0 ? slot.Edges.Max() * 2 : 1000m);
            value = low + ((high - low) * (decimal)_random.NextDouble());
            value = field.Type == FieldType.Integer ? decimal.Round(value) : decimal.Round(value, 3);
        }

        if (field.Type == FieldType.Integer)
        {
            value = decimal.Round(value);
        }

        if (field.Min is { } min && value < min)
        {
            value = min;
        }

        if (field.Max is { } max && value > max)
        {
            value = max;
        }

        return value;
    }

    private object? Wrong(Slot slot) => slot.Field.Type switch
    {
        FieldType.Boolean => _random.Next(2) == 0 ? "yes" : 1,
        FieldType.Enum => _random.Next(2) == 0 ? "no-such-value" : 3,
        FieldType.String => _random.Next(2) == 0 ? 12m : null,
        FieldType.Date => _random.Next(2) == 0 ? "not a date" : 20240101,
        _ => _random.Next(3) switch
        {
            0 => "twelve",
            1 => slot.Field.Min is { } min ? min - 1 : (object?)null,
            _ => slot.Field.Max is { } max ? max + 1 : (object?)true,
        },
    };

    private void Collect(PolicyDefinition definition)
    {
        foreach (var field in definition.Fields)
        {
            var slot = _fields.Find(s => s.Field.Name == field.Name);
            if (slot is null)
            {
                slot = new Slot(field);
                _fields.Add(slot);
                foreach (var bound in new[] { field.Min, field.Max })
                {
                    if (bound is { } b)
                    {
                        slot.Edges.Add(b);
                    }
                }
            }
        }

        var expressions = definition.Rules.SelectMany(r => new[] { r.Condition, r.Points }).Append(definition.AppliesWhen).OfType<BoundExpr>();
        foreach (var expression in expressions)
        {
            Walk(expression, null);
        }

        foreach (var table in new[] { definition.Bands, definition.Grading })
        {
            if (table?.On is { } on && _fields.Find(s => s.Field.Name == on.Name) is { } slot)
            {
                foreach (var row in table.Rows)
                {
                    if (row.Interval is { } interval)
                    {
                        slot.Edges.AddRange(new[] { interval.Low, interval.High }.OfType<decimal>());
                    }
                }
            }
        }
    }

    /// <summary>Adds every literal to the slots of the fields it meets in a comparison, interval or set.</summary>
    private void Walk(BoundExpr expression, Slot? subject)
    {
        switch (expression)
        {
            case BoundCompare c:
                var slot = SlotOf(c.Left) ?? SlotOf(c.Right);
                Walk(c.Left, slot);
                Walk(c.Right, slot);
                return;
            case BoundInterval i:
                var s = SlotOf(i.Subject);
                Walk(i.Subject, s);
                Walk(i.Low, s);
                Walk(i.High, s);
                return;
            case BoundSet set when SlotOf(set.Subject) is { } target:
                target.Texts.AddRange(set.Values.Select(v => v.Text).OfType<string>());
                return;
            case BoundLiteral { Type.Kind: ValueKind.Number or ValueKind.Date } literal when subject is not null:
                subject.Edges.Add(literal.Value.Number);
                return;
            case BoundLiteral { Type.Kind: ValueKind.Text } text when subject is not null:
                subject.Texts.Add(text.Value.Text!);
                return;
        }

        foreach (var child in BoundExprWalker.Children(expression))
        {
            Walk(child, subject);
        }
    }

    private Slot? SlotOf(BoundExpr expression) =>
        expression is BoundField { Field: var field } ? _fields.Find(s => s.Field.Name == field.Name) : null;

    private sealed class Slot(FieldDefinition field)
    {
        public FieldDefinition Field { get; } = field;

        public List<decimal> Edges { get; } = [];

        public List<string> Texts { get; } = [];
    }
}
