using System.Globalization;
using System.Text;
using CsCheck;

namespace Tiering.Rules.Tests.Support;

/// <summary>One generated policy (v1 YAML text) with facts aimed at the literals it uses.</summary>
/// <param name="Yaml">The policy text.</param>
/// <param name="PolicyId">Its id.</param>
/// <param name="Shape">rules, bands or scorecard, with the hit policy; for reports.</param>
/// <param name="RuleCount">Rules, band rows, score items, vetoes and grading rows together.</param>
/// <param name="Facts">Valid facts: every field present and inside its declared domain.</param>
internal sealed record PolicyCase(string Yaml, string PolicyId, string Shape, int RuleCount, IReadOnlyList<IReadOnlyDictionary<string, object?>> Facts)
{
    public override string ToString() => $"{Shape}, {RuleCount} rules, {Facts.Count} facts\n{Yaml}";

    public static string Render(IReadOnlyDictionary<string, object?> fact) =>
        "{ " + string.Join(", ", fact.Select(kv => $"{kv.Key}: {Literal(kv.Value)}")) + " }";

    private static string Literal(object? value) => value switch
    {
        null => "null",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => $"'{s}'",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}

/// <summary>
/// A CsCheck generator of random but always-valid policies in the v1 YAML format of docs/DESIGN.md §2 (The policy
/// file) and §3 (Expression language), with facts aimed at the literals each policy uses (each edge, ±0.001, ±0.01,
/// ±0.1, ±1, the field's min and max).
/// <list type="bullet">
/// <item>Fields: decimal and integer (with and without min/max), boolean, enum; sometimes date and string; in one
/// policy in five (drawn apart, so the others are generated as before) date-times, compared with literals (bare and
/// <c>datetime('…')</c>) and each other, moved by <c>addDays</c>/<c>addMonths</c>, measured by
/// <c>daysBetween</c>/<c>hoursBetween</c>/<c>monthsBetween</c> (against literals a whole number of months from their
/// instants, so the exact-month edge is met), ranged with <c>between</c> and <c>in [a, b)</c>-style intervals over
/// literals and over date-time formulas, and output; their facts lie a minute, an hour, a day or a day and an hour
/// around the literals, at offsets from −12:00 to +14:00. Facts carry every field (required fields only), always inside
/// the declared domain.</item>
/// <item>Rule sets under first, worst, best, collect (some rules without <c>then</c>; half of them with a
/// <c>priority</c> of 1 to 3 on every rule, so the collect list is reordered and ties are common) and unique (overlaps accepted, so
/// conflicts happen at run time); optional <c>default</c> and <c>appliesWhen</c>.</item>
/// <item>Band tables: disjoint partitions (the engine then uses its binary-search lookup), partitions whose shared edges
/// go to the lower row, the upper row, no row or a one-point <c>[e, e]</c> row, and random overlapping rows; from/to and
/// <c>range:</c> rows, open ends, gaps, both edge conventions, <c>below</c>.</item>
/// <item>Scorecards: items with and without <c>when</c>, literal and computed points, vetoes, grading rows (with and
/// without ids) around sums of the literal points, <c>below</c>.</item>
/// <item>Conditions: <c>= != &lt; &lt;= &gt; &gt;=</c>, <c>between</c> / <c>not between</c>, <c>in [a, b)</c>-style
/// intervals, enum, text and boolean sets, <c>and/or/not</c>, <c>+ - * /</c> (division by a field can divide by zero),
/// unary minus, <c>min/max/abs/round</c>. A pool of sub-conditions is repeated across rules (the compiler evaluates
/// those once per decision), and one policy in ten has 65–130 rules (the fired set then spans several words).</item>
/// </list>
/// Size grows with the rule count, then the text length, so CsCheck shrinks toward small policies.
/// </summary>
internal sealed class PolicyGenerator : Gen<PolicyCase>
{
    public const int FactsPerPolicy = 48;

    public static readonly PolicyGenerator Instance = new();

    private static readonly string[] HitPolicies = ["first", "worst", "best", "collect", "unique"];
    private static readonly string[] CompareOps = ["=", "!=", "<", "<=", ">", ">="];
    private static readonly decimal[] Deltas = [0m, 0m, 0m, 0.01m, -0.01m, 1m, -1m, 0.001m, -0.001m, 0.1m, -0.1m];

    public override PolicyCase Generate(PCG pcg, Size? min, out Size size)
    {
        var builder = new Builder(new Rng(pcg));
        var policyCase = builder.Build();
        size = new Size((ulong)policyCase.RuleCount, new Size((ulong)policyCase.Yaml.Length));
        return policyCase;
    }

    private sealed class Rng(PCG pcg)
    {
        /// <summary>A uniform integer in [lo, hi], both inclusive.</summary>
        public int Int(int lo, int hi) => lo + (int)pcg.Next((uint)(hi - lo + 1));

        public bool Chance(int percent) => Int(0, 99) < percent;

        public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];

        public void Shuffle<T>(IList<T> items)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = Int(0, i);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }

    /// <summary>One band or grading row: its interval, and its YAML without the id.</summary>
    private sealed record BandRow(decimal? Low, bool LowInclusive, decimal? High, bool HighInclusive, string Text)
    {
        /// <summary>Whether some valid value of <paramref name="field"/> (inside min/max, whole for integers) lies in the row.</summary>
        public bool Admits(Field field)
        {
            var (low, lowInclusive) = Tighter(Low, LowInclusive, field.Min, above: true);
            var (high, highInclusive) = Tighter(High, HighInclusive, field.Max, above: false);
            if (low is not { } lo || high is not { } hi)
            {
                return true;
            }

            if (field.Kind == Kind.Integer)
            {
                var first = lowInclusive ? decimal.Ceiling(lo) : decimal.Floor(lo) + 1;
                return highInclusive ? first <= hi : first < hi;
            }

            return lo < hi || (lo == hi && lowInclusive && highInclusive);
        }

        private static (decimal? Bound, bool Inclusive) Tighter(decimal? bound, bool inclusive, decimal? domain, bool above)
        {
            if (domain is not { } d)
            {
                return (bound, inclusive);
            }

            return bound is not { } b || (above ? d > b : d < b) ? (d, true) : (b, inclusive);
        }
    }

    private enum Kind
    {
        Decimal,
        Integer,
        Boolean,
        Enum,
        Date,
        Text,

        /// <summary>A date-time with its offset; facts are ISO text at a random offset.</summary>
        DateTime,
    }

    private sealed class Field(string name, Kind kind)
    {
        public string Name { get; } = name;

        public Kind Kind { get; } = kind;

        public bool IsNumber => Kind is Kind.Decimal or Kind.Integer;

        /// <summary>The range values are drawn from (always inside Min/Max when those are declared).</summary>
        public decimal Low { get; set; }

        public decimal High { get; set; }

        /// <summary>Decimal places of generated values.</summary>
        public int Scale { get; set; }

        /// <summary>A derived value (<c>let:</c>): not declared, not in facts.</summary>
        public bool IsDerived { get; init; }

        public decimal? Min { get; set; }

        public decimal? Max { get; set; }

        public List<string> Values { get; } = [];

        /// <summary>For a date-time field: the instants its literals and facts are written around.</summary>
        public List<DateTimeOffset> Instants { get; } = [];

        /// <summary>Literals the policy compares this field with: facts are drawn on and around them.</summary>
        public List<decimal> Edges { get; } = [];
    }

    private sealed class Builder(Rng rng)
    {
        private readonly List<Field> _fields = [];
        private readonly List<string> _grades = [];
        private readonly List<string> _shared = [];
        private readonly StringBuilder _yaml = new();
        private int _ruleCount;

        private IEnumerable<Field> Numbers => _fields.Where(f => f.IsNumber);

        public PolicyCase Build()
        {
            var number = rng.Int(1, 9999);
            var id = $"gen-{number}";
            MakeFields(number);
            var gradeCount = rng.Int(2, 6);
            for (var i = 0; i < gradeCount; i++)
            {
                _grades.Add($"g{i}");
            }

            var shapeRoll = rng.Int(0, 99);
            var shape = shapeRoll < 55 ? "rules" : shapeRoll < 80 ? "bands" : "scorecard";
            var hitPolicy = shape == "scorecard" ? "scorecard" : rng.Pick(HitPolicies);

            Line($"policy: {id}");
            Line("version: \"1\"");
            Line("fact: generated");
            Line("fields:");
            foreach (var field in _fields)
            {
                Line($"  {field.Name}: {Declaration(field)}");
            }

            if (rng.Chance(25))
            {
                // Derived values over the fields (and the values before them), read like fields from here on.
                Line("let:");
                var count = rng.Int(1, 2);
                for (var i = 0; i < count; i++)
                {
                    Line($"  d{i}: {Quote(NumberExpr(1).Text)}");
                    var derived = new Field($"d{i}", Kind.Decimal) { Low = -1000, High = 1000, Scale = 2, IsDerived = true };
                    for (var e = 0; e < 4; e++)
                    {
                        derived.Edges.Add(Value(derived, rng.Int(0, 2)));
                    }

                    _fields.Add(derived);
                }
            }

            if (rng.Chance(12))
            {
                Line($"require: [{{ that: {Quote(Condition(rng.Int(0, 1), useShared: false))}, message: generated check }}]");
            }

            Line($"grades: [{string.Join(", ", _grades)}]");
            Line($"hitPolicy: {hitPolicy}");
            if (hitPolicy == "unique")
            {
                // Overlaps under unique are load errors unless accepted; conflicts are what this test wants to see.
                Line("accept: [{ code: TR4002, reason: generated policy; overlaps are decided at run time as conflicts }]");
            }

            if (rng.Chance(shape == "rules" ? 50 : 35))
            {
                Line($"default: {rng.Pick(_grades)}");
            }

            if (rng.Chance(25))
            {
                Line($"appliesWhen: {Quote(Condition(rng.Int(0, 2), useShared: false))}");
            }

            switch (shape)
            {
                case "rules":
                    WriteRules(hitPolicy);
                    break;
                case "bands":
                    WriteBands();
                    break;
                default:
                    WriteScorecard();
                    break;
            }

            var facts = new List<IReadOnlyDictionary<string, object?>>();
            for (var i = 0; i < FactsPerPolicy; i++)
            {
                facts.Add(MakeFact());
            }

            return new PolicyCase(_yaml.ToString(), id, $"{shape}/{hitPolicy}", _ruleCount, facts);
        }

        private void Line(string text) => _yaml.Append(text).Append('\n');

        // ---- fields -------------------------------------------------------------------------------------------------

        private void MakeFields(int number)
        {
            var decimals = rng.Int(1, 4);
            var integers = rng.Int(0, 3);
            var booleans = rng.Int(0, 4);
            var enums = rng.Int(0, 2);
            var dates = rng.Chance(25) ? rng.Int(1, 2) : 0;
            var texts = rng.Chance(25) ? rng.Int(1, 2) : 0;
            for (var i = 0; i < decimals; i++)
            {
                _fields.Add(MakeDecimal($"amt{i}"));
            }

            for (var i = 0; i < integers; i++)
            {
                var field = new Field($"days{i}", Kind.Integer) { Low = 0, High = rng.Pick([10, 100, 400]), Scale = 0 };
                if (rng.Chance(80))
                {
                    field.Min = 0;
                }

                if (rng.Chance(30))
                {
                    field.Max = field.High;
                }

                _fields.Add(field);
            }

            for (var i = 0; i < booleans; i++)
            {
                _fields.Add(new Field($"flag{i}", Kind.Boolean));
            }

            for (var i = 0; i < enums; i++)
            {
                var field = new Field($"cat{i}", Kind.Enum);
                var count = rng.Int(1, 4);
                for (var v = 0; v < count; v++)
                {
                    field.Values.Add(((char)('a' + v)).ToString() + (i + 1).ToString(CultureInfo.InvariantCulture));
                }

                _fields.Add(field);
            }

            for (var i = 0; i < dates; i++)
            {
                // Day numbers from 2020-01-01 to 2026-12-31; literals and facts are whole days.
                _fields.Add(new Field($"on{i}", Kind.Date) { Low = new DateOnly(2020, 1, 1).DayNumber, High = new DateOnly(2026, 12, 31).DayNumber });
            }

            for (var i = 0; i < texts; i++)
            {
                var field = new Field($"name{i}", Kind.Text);
                field.Values.AddRange(new[] { "x", "y", "Zed", "two words", "it's", string.Empty }.Where(_ => rng.Chance(70)));
                field.Values.Add("x");
                _fields.Add(field);
            }

            // Whether there are date-times is drawn apart (from the policy's number), so that policies without them are
            // generated exactly as before this field kind existed.
            var apart = new Rng(new PCG((uint)number, (ulong)number * 7919UL));
            var dateTimes = apart.Chance(20) ? apart.Int(1, 2) : 0;
            for (var i = 0; i < dateTimes; i++)
            {
                var field = new Field($"at{i}", Kind.DateTime);
                for (var e = apart.Int(2, 4); e > 0; e--)
                {
                    field.Instants.Add(Epoch.AddMinutes(apart.Int(-60, 60) * 1440 + apart.Pick(MinutesOfDay)));
                }

                _fields.Add(field);
            }

            rng.Shuffle(_fields);
            foreach (var field in _fields.Where(f => f.IsNumber || f.Kind == Kind.Date))
            {
                var edges = rng.Int(2, 5);
                for (var e = 0; e < edges; e++)
                {
                    field.Edges.Add(Value(field, field.Kind == Kind.Integer && rng.Chance(85) ? 0 : field.Scale));
                }
            }
        }

        private Field MakeDecimal(string name)
        {
            var field = new Field(name, Kind.Decimal);
            switch (rng.Int(0, 3))
            {
                case 0: // money
                    field.Low = 0;
                    field.High = rng.Pick([1_000m, 100_000m, 10_000_000m]);
                    field.Scale = rng.Int(0, 2);
                    field.Min = rng.Chance(70) ? 0 : null;
                    break;
                case 1: // rate
                    field.Low = 0;
                    field.High = 1;
                    field.Scale = rng.Int(2, 4);
                    field.Min = rng.Chance(80) ? 0 : null;
                    field.Max = rng.Chance(80) ? 1 : null;
                    break;
                case 2: // signed
                    field.Low = -100;
                    field.High = 100;
                    field.Scale = rng.Int(0, 2);
                    if (rng.Chance(40))
                    {
                        field.Min = -100;
                        field.Max = 100;
                    }

                    break;
                default: // small
                    field.Low = 0;
                    field.High = 50;
                    field.Scale = rng.Int(0, 1);
                    field.Min = rng.Chance(50) ? 0 : null;
                    break;
            }

            return field;
        }

        private static string Declaration(Field field)
        {
            var parts = new List<string>
            {
                "type: " + field.Kind switch
                {
                    Kind.Decimal => "decimal",
                    Kind.Integer => "integer",
                    Kind.Boolean => "boolean",
                    Kind.Date => "date",
                    Kind.DateTime => "datetime",
                    Kind.Text => "string",
                    _ => "enum",
                },
            };
            if (field.Kind == Kind.Enum)
            {
                parts.Add($"values: [{string.Join(", ", field.Values)}]");
            }

            if (field.Min is { } min)
            {
                parts.Add($"min: {Num(min)}");
            }

            if (field.Max is { } max)
            {
                parts.Add($"max: {Num(max)}");
            }

            return "{ " + string.Join(", ", parts) + " }";
        }

        /// <summary>A value in the field's range with <paramref name="scale"/> decimal places.</summary>
        private decimal Value(Field field, int scale)
        {
            var factor = Pow10(scale);
            var lo = (long)(field.Low * factor);
            var hi = (long)(field.High * factor);
            var units = lo + (long)(rng.Int(0, int.MaxValue - 1) % (hi - lo + 1));
            return units / factor;
        }

        private static decimal Pow10(int scale)
        {
            var result = 1m;
            for (var i = 0; i < scale; i++)
            {
                result *= 10;
            }

            return result;
        }

        private decimal Edge(Field field) =>
            rng.Chance(90) && field.Edges.Count > 0 ? rng.Pick(field.Edges) : Value(field, field.Scale);

        /// <summary>Two literals in ascending order (possibly equal), for ranges.</summary>
        private (decimal Low, decimal High) EdgePair(Field field)
        {
            var a = Edge(field);
            var b = Edge(field);
            return a <= b ? (a, b) : (b, a);
        }

        // ---- expressions --------------------------------------------------------------------------------------------

        /// <summary>A numeric expression and the field it is mostly about (for choosing the literal to compare with).</summary>
        private (string Text, Field Main) NumberExpr(int depth)
        {
            var field = rng.Pick(Numbers.ToList());
            if (depth <= 0 || rng.Chance(70))
            {
                return (field.Name, field);
            }

            var (inner, main) = NumberExpr(depth - 1);
            switch (rng.Int(0, 9))
            {
                case 0:
                    return ($"({inner} + {NumberExpr(depth - 1).Text})", main);
                case 1:
                    return ($"({inner} - {Operand(depth - 1)})", main);
                case 2:
                    return ($"({inner} * {Num(rng.Pick([2m, 3m, 0.5m, -1m, 1.5m, 10m]))})", main);
                case 3:
                    return ($"min({inner}, {Operand(depth - 1)})", main);
                case 4:
                    return ($"max({inner}, {Operand(depth - 1)}{(rng.Chance(30) ? ", " + Operand(depth - 1) : string.Empty)})", main);
                case 5:
                    return ($"abs({inner})", main);
                case 6:
                    return ($"round({inner})", main);
                case 7:
                    return ($"round({inner}, {rng.Int(0, 2)})", main);
                case 8:
                    // Division by a field may divide by zero: the engine then answers Invalid, as does the reference.
                    return rng.Chance(80)
                        ? ($"({inner} / {Num(rng.Pick([2m, 3m, 4m, 0.5m, 8m]))})", main)
                        : ($"({inner} / {rng.Pick(Numbers.ToList()).Name})", main);
                default:
                    return ($"-{inner}", main);
            }
        }

        /// <summary>
        /// A computed output: a number (mostly), a condition, or any field as it is (enum, text, date, flag); in a policy
        /// with date-time fields a quarter are date-time formulas (one in twenty left a run of 400 policies without a
        /// decided date-time output about once in six runs, failing the coverage check).
        /// </summary>
        private string Formula() => _fields.Any(f => f.Kind == Kind.DateTime) && rng.Chance(25)
            ? DateTimeFormula(rng.Pick(_fields.Where(f => f.Kind == Kind.DateTime).ToList()))
            : rng.Int(0, 9) switch
        {
            < 6 => NumberExpr(2).Text,
            < 8 => Condition(1, useShared: false),
            _ when _fields.Any(f => f.Kind == Kind.DateTime) && rng.Chance(50) => DateTimeFormula(rng.Pick(_fields.Where(f => f.Kind == Kind.DateTime).ToList())),
            _ when rng.Chance(40) && _fields.Any(f => f.Kind == Kind.Date) =>
                $"addMonths({rng.Pick(_fields.Where(f => f.Kind == Kind.Date).ToList()).Name}, {rng.Int(-13, 13)})",
            _ => rng.Pick(_fields).Name,
        };

        /// <summary>A second operand: another numeric expression or a literal near the first field's edges.</summary>
        private string Operand(int depth) =>
            rng.Chance(60) ? NumberExpr(depth).Text : Num(Edge(rng.Pick(Numbers.ToList())));

        public string Condition(int depth, bool useShared)
        {
            if (depth <= 0 || rng.Chance(45))
            {
                return Atom(useShared);
            }

            return rng.Int(0, 4) switch
            {
                0 or 1 => $"({Condition(depth - 1, useShared)} and {Condition(depth - 1, useShared)})",
                2 or 3 => $"({Condition(depth - 1, useShared)} or {Condition(depth - 1, useShared)})",
                _ => $"not ({Condition(depth - 1, useShared)})",
            };
        }

        private string Atom(bool useShared)
        {
            if (useShared && _shared.Count > 0 && rng.Chance(20))
            {
                return rng.Pick(_shared);
            }

            var kinds = new List<string>();
            if (Numbers.Any())
            {
                kinds.AddRange(["compare", "compare", "compare", "between", "interval", "interval", "twoFields"]);
            }

            if (_fields.Any(f => f.Kind == Kind.Boolean))
            {
                kinds.AddRange(["flag", "flag"]);
            }

            if (_fields.Any(f => f.Kind == Kind.Enum))
            {
                kinds.AddRange(["enum", "enum"]);
            }

            if (_fields.Any(f => f.Kind == Kind.Date))
            {
                kinds.AddRange(["date", "date"]);
            }

            if (_fields.Any(f => f.Kind == Kind.Text))
            {
                kinds.Add("text");
            }

            if (_fields.Any(f => f.Kind == Kind.DateTime))
            {
                kinds.AddRange(["datetime", "datetime"]);
            }

            if (rng.Chance(2))
            {
                return rng.Chance(50) ? "true" : "false";
            }

            switch (rng.Pick(kinds))
            {
                case "compare":
                    {
                        var (text, main) = NumberExpr(rng.Chance(75) ? 0 : 2);
                        var op = rng.Pick(CompareOps);
                        var literal = Num(Edge(main));
                        return rng.Chance(80) ? $"{text} {op} {literal}" : $"{literal} {op} {text}";
                    }

                case "twoFields":
                    return $"{NumberExpr(1).Text} {rng.Pick(CompareOps)} {NumberExpr(1).Text}";
                case "between":
                    {
                        var (text, main) = NumberExpr(rng.Chance(80) ? 0 : 1);
                        var (low, high) = EdgePair(main);
                        return $"{text} {(rng.Chance(20) ? "not between" : "between")} {Num(low)} and {Num(high)}";
                    }

                case "interval":
                    {
                        var (text, main) = NumberExpr(rng.Chance(80) ? 0 : 1);
                        var (low, high) = EdgePair(main);
                        var open = rng.Chance(50) ? "[" : "(";
                        var close = rng.Chance(50) ? "]" : ")";
                        return $"{text} {(rng.Chance(15) ? "not in" : "in")} {open}{Num(low)}, {Num(high)}{close}";
                    }

                case "date":
                    {
                        var dates = _fields.Where(f => f.Kind == Kind.Date).ToList();
                        var field = rng.Pick(dates);
                        var (low, high) = EdgePair(field);
                        return rng.Int(0, 9) switch
                        {
                            6 => $"daysBetween({field.Name}, {Day(Edge(field))}) {rng.Pick(CompareOps)} {rng.Int(-400, 400)}",
                            7 => $"monthsBetween({rng.Pick(dates).Name}, {field.Name}) {rng.Pick(CompareOps)} {rng.Int(-14, 14)}",
                            8 => $"addMonths({field.Name}, {rng.Int(-13, 13)}) {rng.Pick(CompareOps)} {Day(Edge(field))}",
                            9 => $"addDays({field.Name}, {rng.Int(-40, 40)}) {(rng.Chance(50) ? "between" : "not between")} {Day(low)} and {Day(high)}",
                            0 or 1 => $"{field.Name} {rng.Pick(CompareOps)} {Day(Edge(field))}",
                            2 => $"{Day(Edge(field))} {rng.Pick(CompareOps)} {field.Name}",
                            3 => $"{field.Name} {(rng.Chance(20) ? "not between" : "between")} {Day(low)} and {Day(high)}",
                            4 => $"{field.Name} {(rng.Chance(15) ? "not in" : "in")} {(rng.Chance(50) ? "[" : "(")}{Day(low)}, {Day(high)}{(rng.Chance(50) ? "]" : ")")}",
                            _ => $"{field.Name} {rng.Pick(CompareOps)} {rng.Pick(dates).Name}",
                        };
                    }

                case "datetime":
                    {
                        var times = _fields.Where(f => f.Kind == Kind.DateTime).ToList();
                        var field = rng.Pick(times);
                        var op = rng.Pick(CompareOps);
                        return rng.Int(0, 12) switch
                        {
                            0 => $"{field.Name} {op} {Literal(field)}",
                            1 => $"{field.Name} {op} datetime('{Literal(field)}')",
                            2 => $"addDays({field.Name}, {rng.Int(-40, 40)}) {op} {Literal(field)}",
                            3 => $"addMonths({field.Name}, {rng.Int(-13, 13)}) {op} {Literal(field)}",
                            4 => $"daysBetween({Literal(field)}, {field.Name}) {op} {rng.Int(-60, 60)}",
                            5 => $"hoursBetween({field.Name}, datetime('{Literal(field)}')) {op} {rng.Int(-1500, 1500)}",
                            6 => $"date({field.Name}) {op} {Day(DateOnly.FromDateTime(At(field).DateTime).DayNumber)}",
                            7 => $"monthsBetween({field.Name}, {MonthLiteral(field)}) {op} {rng.Int(-3, 3)}",
                            8 => $"monthsBetween({MonthLiteral(field)}, {rng.Pick(times).Name}) {op} {rng.Int(-3, 3)}",
                            9 => $"{field.Name} {(rng.Chance(20) ? "not between" : "between")} {LiteralPair(field, out var high)} and {high}",
                            10 => $"{field.Name} {(rng.Chance(15) ? "not in" : "in")} {(rng.Chance(50) ? "[" : "(")}{LiteralPair(field, out var high)}, {high}{(rng.Chance(50) ? "]" : ")")}",
                            11 => $"{DateTimeFormula(field, moves: true)} {ComputedInterval(rng.Pick(times).Name, $"addDays({rng.Pick(times).Name}, {rng.Int(0, 2)})")}",
                            12 => $"{field.Name} {(rng.Chance(20) ? "not between" : "between")} addMonths({rng.Pick(times).Name}, {rng.Int(-2, 0)}) and {LiteralPair(field, out _)}",
                            _ => $"{field.Name} {op} {rng.Pick(times).Name}",
                        };
                    }

                case "text":
                    {
                        var texts = _fields.Where(f => f.Kind == Kind.Text).ToList();
                        var field = rng.Pick(texts);
                        var value = Text(rng.Chance(90) ? rng.Pick(field.Values) : "other");
                        switch (rng.Int(0, 4))
                        {
                            case 0: return $"{field.Name} = {value}";
                            case 1: return $"{value} != {field.Name}";
                            case 2: return $"{field.Name} = {rng.Pick(texts).Name}";
                            default:
                                var set = field.Values.Where(_ => rng.Chance(50)).Select(Text).DefaultIfEmpty(value);
                                return $"{field.Name} {(rng.Chance(25) ? "not in" : "in")} ({string.Join(", ", set)})";
                        }
                    }

                case "flag":
                    {
                        var flags = _fields.Where(f => f.Kind == Kind.Boolean).ToList();
                        var flag = rng.Pick(flags).Name;
                        return rng.Int(0, 6) switch
                        {
                            0 or 1 => flag,
                            2 => $"not {flag}",
                            3 => $"{flag} = {(rng.Chance(50) ? "true" : "false")}",
                            4 => $"{flag} != {(rng.Chance(50) ? "true" : "false")}",
                            5 => $"{flag} in ({(rng.Chance(50) ? "true" : "true, false")})",
                            _ => $"{flag} = {rng.Pick(flags).Name}",
                        };
                    }

                default:
                    {
                        var field = rng.Pick(_fields.Where(f => f.Kind == Kind.Enum).ToList());
                        var value = $"'{rng.Pick(field.Values)}'";
                        switch (rng.Int(0, 4))
                        {
                            case 0: return $"{field.Name} = {value}";
                            case 1: return $"{field.Name} != {value}";
                            case 2: return $"{value} = {field.Name}";
                            default:
                                var set = field.Values.Where(_ => rng.Chance(50)).Select(v => $"'{v}'").ToList();
                                if (set.Count == 0)
                                {
                                    set.Add(value);
                                }

                                return $"{field.Name} {(rng.Chance(25) ? "not in" : "in")} ({string.Join(", ", set)})";
                        }
                    }
            }
        }

        /// <summary>A rule condition; a third of them are built around a shared sub-condition.</summary>
        private string RuleCondition()
        {
            if (_shared.Count > 0 && rng.Chance(35))
            {
                var shared = rng.Pick(_shared);
                return rng.Int(0, 4) switch
                {
                    0 => shared,
                    1 => $"{shared} and {Condition(1, useShared: true)}",
                    2 => $"{Condition(1, useShared: true)} or {shared}",
                    3 => $"not ({shared})",
                    _ => $"({shared} or {Condition(0, useShared: false)}) and not {rng.Pick(_shared)}",
                };
            }

            return Condition(rng.Int(0, 3), useShared: true);
        }

        private void MakeShared()
        {
            var count = rng.Int(0, 4);
            for (var i = 0; i < count; i++)
            {
                _shared.Add($"({Condition(rng.Int(0, 2), useShared: false)})");
            }
        }

        // ---- rules, bands, scorecards -------------------------------------------------------------------------------

        private int ManyOrFew(int few, int many) => rng.Chance(10) ? rng.Int(65, many) : rng.Int(1, few);

        private void WriteRules(string hitPolicy)
        {
            MakeShared();
            var count = ManyOrFew(rng.Chance(20) ? 40 : 12, 130);
            var prioritised = hitPolicy == "collect" && rng.Chance(50);
            Line("rules:");
            for (var i = 0; i < count; i++)
            {
                Line($"  - id: R-{i:000}");
                Line($"    when: {Quote(RuleCondition())}");
                if (prioritised)
                {
                    // Few distinct values, so that ties (kept in rule order) are common.
                    Line($"    priority: {rng.Int(1, 3)}");
                }

                if (hitPolicy != "collect" || rng.Chance(70))
                {
                    Line($"    then: {rng.Pick(_grades)}");
                }

                if (rng.Chance(20))
                {
                    // Computed outputs (keys unique per rule, as collect requires), now and then beside a plain one.
                    var outputs = new List<string> { $"o{i}: {Quote("=" + Formula())}" };
                    if (rng.Chance(30))
                    {
                        outputs.Add($"p{i}: {Quote("=" + Formula())}");
                    }

                    if (rng.Chance(20))
                    {
                        outputs.Add($"t{i}: plain");
                    }

                    Line($"    outputs: {{ {string.Join(", ", outputs)} }}");
                }
            }

            _ruleCount = count;
        }

        private void WriteBands()
        {
            var on = rng.Pick(Numbers.ToList());
            var lowerInclusive = true;
            var edgesRoll = rng.Int(0, 99);
            if (edgesRoll < 60)
            {
                Line("bands:");
                Line($"  on: {on.Name}");
                Line("  edges: lower-inclusive");
            }
            else if (edgesRoll < 85)
            {
                Line("bands:");
                Line($"  on: {on.Name}");
                Line("  edges: upper-inclusive");
                lowerInclusive = false;
            }
            else
            {
                Line("bands:");
                Line($"  on: {on.Name}");
            }

            var rows = BandRows(on.Edges, () => Value(on, on.Kind == Kind.Integer && rng.Chance(80) ? 0 : on.Scale), lowerInclusive, "B", on);
            WriteRows(rows, "  ");
            if (rng.Chance(50))
            {
                Line($"  below: {rng.Pick(_grades)}");
            }

            _ruleCount = rows.Count;
        }

        private void WriteScorecard()
        {
            var items = ManyOrFew(6, 75);
            var literalPoints = new List<decimal>();
            Line("score:");
            for (var i = 0; i < items; i++)
            {
                var parts = new List<string> { $"id: S-{i:00}" };
                if (rng.Chance(70))
                {
                    parts.Add($"when: {Quote(Condition(rng.Int(0, 1), useShared: false))}");
                }

                string points;
                if (rng.Chance(70))
                {
                    var value = rng.Chance(80) ? rng.Int(-20, 30) : rng.Int(-200, 300) / 10m;
                    literalPoints.Add(value);
                    points = Num(value);
                }
                else
                {
                    var (text, main) = NumberExpr(1);
                    var cap = rng.Int(1, 30);
                    points = Quote(rng.Int(0, 2) switch
                    {
                        0 => $"min({text}, {cap})",
                        1 => $"max(min({text} * {Num(rng.Pick([0.1m, 0.5m, 1m, 2m]))}, {cap}), -{cap})",
                        _ => main.High <= 100 ? text : $"min({text}, {cap})",
                    });
                    literalPoints.Add(cap);
                }

                parts.Add($"points: {points}");
                Line("  - { " + string.Join(", ", parts) + " }");
            }

            var vetoes = rng.Int(0, 3);
            if (vetoes > 0)
            {
                Line("veto:");
                for (var i = 0; i < vetoes; i++)
                {
                    Line($"  - {{ id: V-{i}, when: {Quote(Condition(rng.Int(0, 2), useShared: false))}, grade: {rng.Pick(_grades)} }}");
                }
            }

            // Grading edges: sums of some literal points, so that scores land on them.
            var scores = new List<decimal>();
            for (var i = 0; i < 8; i++)
            {
                scores.Add(literalPoints.Where(_ => rng.Chance(50)).Sum());
            }

            Line("grading:");
            if (rng.Chance(50))
            {
                Line("  on: score");
            }

            var lowerInclusive = true;
            if (rng.Chance(30))
            {
                lowerInclusive = rng.Chance(50);
                Line($"  edges: {(lowerInclusive ? "lower-inclusive" : "upper-inclusive")}");
            }

            var rows = BandRows(scores, () => rng.Int(-40, 80), lowerInclusive, "G");
            WriteRows(rows, "  ");
            if (rng.Chance(50))
            {
                Line($"  below: {rng.Pick(_grades)}");
            }

            _ruleCount = items + vetoes + rows.Count;
        }

        /// <summary>
        /// Band rows over a value: either a partition of sorted edges (disjoint, perhaps with gaps and open ends; the
        /// engine then uses its binary-search lookup) or random, possibly overlapping rows. Adds the edges it uses to
        /// <paramref name="edges"/> so that facts (or scores) land on them.
        /// </summary>
        private List<string> BandRows(List<decimal> edges, Func<decimal> fresh, bool lowerInclusive, string prefix, Field? on = null)
        {
            var rows = new List<BandRow>();
            var grade = () => rng.Pick(_grades);
            var rowCount = prefix == "B" ? ManyOrFew(8, 90) : rng.Int(1, 6);
            var mode = rng.Int(0, 99);
            if (mode < 25)
            {
                MixedPartition(edges, fresh, rowCount, rows, grade);
            }
            else if (mode < 65)
            {
                var points = new SortedSet<decimal>(edges.Where(_ => rng.Chance(60)));
                for (var attempt = 0; points.Count < rowCount + 1 && attempt < rowCount * 20; attempt++)
                {
                    points.Add(fresh());
                }

                var sorted = points.ToList();
                if (sorted.Count < 2)
                {
                    sorted = [0, 1];
                }

                if (rng.Chance(20))
                {
                    rows.Add(Row(null, sorted[0], lowerInclusive, grade()));
                }

                for (var i = 0; i + 1 < sorted.Count; i++)
                {
                    if (i > 0 && rng.Chance(12))
                    {
                        continue; // a gap
                    }

                    rows.Add(rng.Chance(20)
                        ? RangeRow(sorted[i], lowerInclusive, sorted[i + 1], !lowerInclusive, grade())
                        : Row(sorted[i], sorted[i + 1], lowerInclusive, grade()));
                }

                if (rng.Chance(50))
                {
                    rows.Add(Row(sorted[^1], null, lowerInclusive, grade()));
                }

                edges.AddRange(sorted);
            }
            else
            {
                for (var i = 0; i < rowCount; i++)
                {
                    var a = rng.Chance(70) && edges.Count > 0 ? rng.Pick(edges) : fresh();
                    var b = rng.Chance(70) && edges.Count > 0 ? rng.Pick(edges) : fresh();
                    var (low, high) = a <= b ? (a, b) : (b, a);
                    switch (rng.Int(0, 5))
                    {
                        case 0:
                            rows.Add(Row(low, null, lowerInclusive, grade()));
                            break;
                        case 1:
                            rows.Add(Row(null, high, lowerInclusive, grade()));
                            break;
                        case 2:
                            rows.Add(low == high
                                ? RangeRow(low, true, high, true, grade())
                                : RangeRow(low, rng.Chance(50), high, rng.Chance(50), grade()));
                            break;
                        default:
                            rows.Add(low == high ? Row(low, null, lowerInclusive, grade()) : Row(low, high, lowerInclusive, grade()));
                            break;
                    }

                    edges.Add(low);
                    edges.Add(high);
                }
            }

            if (on is not null && !rows.Any(row => row.Admits(on)))
            {
                // Keep one row inside the field's domain: a table whose every row lies outside it makes the loader
                // throw (Analysis/GapCheck; see DifferentialTests.Load_EveryBandOutsideTheFieldDomain_…).
                rows.Add(RangeRow(on.Min ?? on.Low, true, null, false, grade()));
            }

            if (rng.Chance(50))
            {
                rng.Shuffle(rows);
            }

            // Ids in final file order; grading rows sometimes go without (the engine names them GRADE-n).
            var result = new List<string>();
            for (var i = 0; i < rows.Count; i++)
            {
                var id = prefix == "G" && rng.Chance(20) ? string.Empty : $"id: {prefix}-{i:00}, ";
                result.Add("{ " + id + rows[i].Text + " }");
            }

            return result;
        }

        /// <summary>
        /// Disjoint <c>range:</c> rows over sorted points where each shared edge is owned by the lower row, the upper row,
        /// neither, or a one-point row <c>[e, e]</c> of its own; open ends and gaps too. Still disjoint, so the engine's
        /// binary-search lookup must handle mixed inclusivity.
        /// </summary>
        private void MixedPartition(List<decimal> edges, Func<decimal> fresh, int rowCount, List<BandRow> rows, Func<string> grade)
        {
            var points = new SortedSet<decimal>(edges.Where(_ => rng.Chance(60)));
            for (var attempt = 0; points.Count < rowCount + 1 && attempt < rowCount * 20; attempt++)
            {
                points.Add(fresh());
            }

            var sorted = points.Count >= 2 ? points.ToList() : [0m, 1m];
            var lowClosed = new bool[sorted.Count];
            var highClosed = new bool[sorted.Count];
            var last = sorted.Count - 2; // the top row's index
            lowClosed[0] = rng.Chance(50);
            highClosed[last] = rng.Chance(50);
            for (var j = 1; j + 1 < sorted.Count; j++)
            {
                switch (rng.Int(0, 3))
                {
                    case 0:
                        highClosed[j - 1] = true; // the edge belongs to the row below it
                        break;
                    case 1:
                        lowClosed[j] = true; // … to the row above it
                        break;
                    case 2:
                        rows.Add(RangeRow(sorted[j], true, sorted[j], true, grade())); // … to a row of its own
                        break;
                    default:
                        break; // … to no row: a one-point gap
                }
            }

            if (rng.Chance(30))
            {
                rows.Add(RangeRow(null, false, sorted[0], !lowClosed[0], grade()));
            }

            for (var i = 0; i + 1 < sorted.Count; i++)
            {
                if (i > 0 && rng.Chance(10))
                {
                    continue;
                }

                rows.Add(RangeRow(sorted[i], lowClosed[i], sorted[i + 1], highClosed[i], grade()));
            }

            if (rng.Chance(40))
            {
                rows.Add(RangeRow(sorted[^1], !highClosed[last], null, false, grade()));
            }

            edges.AddRange(sorted);
        }

        /// <summary>A from/to row; the table's <c>edges</c> decides which end is closed.</summary>
        private static BandRow Row(decimal? from, decimal? to, bool lowerInclusive, string grade)
        {
            var parts = new List<string>();
            if (from is { } f)
            {
                parts.Add($"from: {Num(f)}");
            }

            if (to is { } t)
            {
                parts.Add($"to: {Num(t)}");
            }

            parts.Add($"grade: {grade}");
            return new BandRow(from, from is not null && lowerInclusive, to, to is not null && !lowerInclusive, string.Join(", ", parts));
        }

        /// <summary>A <c>range:</c> row such as <c>"[a, b)"</c>; a null bound is an open end (<c>"(, b]"</c>, <c>"[a, )"</c>).</summary>
        private static BandRow RangeRow(decimal? low, bool lowInclusive, decimal? high, bool highInclusive, string grade)
        {
            var open = low is not null && lowInclusive ? "[" : "(";
            var close = high is not null && highInclusive ? "]" : ")";
            var text = $"range: \"{open}{(low is { } l ? Num(l) : string.Empty)}, {(high is { } h ? Num(h) : string.Empty)}{close}\", grade: {grade}";
            return new BandRow(low, low is not null && lowInclusive, high, high is not null && highInclusive, text);
        }

        private void WriteRows(List<string> rows, string indent)
        {
            Line($"{indent}rows:");
            foreach (var row in rows)
            {
                Line($"{indent}  - {row}");
            }
        }

        // ---- facts --------------------------------------------------------------------------------------------------

        private Dictionary<string, object?> MakeFact()
        {
            var fact = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var field in _fields.Where(f => !f.IsDerived))
            {
                fact[field.Name] = field.Kind switch
                {
                    Kind.Boolean => rng.Chance(50),
                    Kind.Enum => rng.Pick(field.Values),
                    Kind.Text => rng.Chance(90) ? rng.Pick(field.Values) : "other",
                    Kind.Date => DateOnly.FromDayNumber((int)NumberFact(field)),
                    Kind.DateTime => DateTimeText(At(field).AddMinutes(rng.Pick(DeltaMinutes))),
                    _ => NumberFact(field),
                };
            }

            return fact;
        }

        /// <summary>One of a date-time field's instants, written at a random offset (as a literal or the base of a fact).</summary>
        private DateTimeOffset At(Field field) => rng.Pick(field.Instants).ToOffset(rng.Pick(Offsets));

        private string Literal(Field field) => DateTimeText(At(field));

        /// <summary>One of a date-time field's instants a whole number of months on (at a random offset), so that <c>monthsBetween</c> meets its exact-month edge.</summary>
        private string MonthLiteral(Field field) => DateTimeText(At(field).AddMonths(rng.Int(-2, 2)));

        /// <summary><c>in [low, high)</c> and the like, with bounds that are not literals: a bracket on at least one side (a <c>(…)</c> of names is a set).</summary>
        private string ComputedInterval(string low, string high)
        {
            var open = rng.Chance(50) ? "[" : "(";
            var close = open == "(" || rng.Chance(50) ? "]" : ")";
            return $"{(rng.Chance(15) ? "not in" : "in")} {open}{low}, {high}{close}";
        }

        /// <summary>
        /// Two of a date-time field's instants, around each other by a minute to a day and an hour, the earlier first (so
        /// that a range of literals is never reversed), each bare or as <c>datetime('…')</c> at a random offset.
        /// </summary>
        private string LiteralPair(Field field, out string high)
        {
            var a = At(field);
            var b = At(field).AddMinutes(rng.Pick(DeltaMinutes)).ToOffset(rng.Pick(Offsets));
            var (lo, hi) = a <= b ? (a, b) : (b, a);
            high = rng.Chance(30) ? $"datetime('{DateTimeText(hi)}')" : DateTimeText(hi);
            return rng.Chance(30) ? $"datetime('{DateTimeText(lo)}')" : DateTimeText(lo);
        }

        /// <summary>A date-time formula over the field: moved by addDays/addMonths (a date-time, <paramref name="moves"/>) or, else, also measured (a number).</summary>
        private string DateTimeFormula(Field field, bool moves = false) => rng.Int(0, moves ? 1 : 4) switch
        {
            4 => $"monthsBetween({field.Name}, {MonthLiteral(field)})",
            0 => $"addMonths({field.Name}, {rng.Int(-13, 13)})",
            1 => $"addDays({field.Name}, {rng.Int(-40, 40)})",
            2 => $"hoursBetween({Literal(field)}, {field.Name})",
            _ => $"daysBetween({field.Name}, {Literal(field)})",
        };

        private decimal NumberFact(Field field)
        {
            var roll = rng.Int(0, 99);
            decimal value;
            if (roll < 60 && field.Edges.Count > 0)
            {
                value = rng.Pick(field.Edges) + rng.Pick(Deltas);
            }
            else if (roll < 70)
            {
                value = rng.Chance(50) ? field.Min ?? field.Low : field.Max ?? field.High;
            }
            else
            {
                value = Value(field, field.Scale);
            }

            if (field.Kind is Kind.Integer or Kind.Date)
            {
                value = rng.Chance(50) ? decimal.Floor(value) : decimal.Ceiling(value);
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
    }

    private static string Num(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static readonly DateTimeOffset Epoch = new(2024, 2, 29, 0, 0, 0, TimeSpan.Zero);

    private static readonly int[] MinutesOfDay = [0, 30, 12 * 60, 23 * 60 + 59, 16 * 60];

    private static readonly TimeSpan[] Offsets = [TimeSpan.Zero, TimeSpan.FromHours(8), TimeSpan.FromHours(-5), new(5, 30, 0), TimeSpan.FromHours(14), TimeSpan.FromHours(-12)];

    /// <summary>Around an edge: the same instant, a minute, an hour, a day less a minute, a day and a day and an hour either way.</summary>
    private static readonly int[] DeltaMinutes = [0, 0, 0, 1, -1, 60, -60, 1439, -1439, 1440, -1440, 1500, -1500];

    private static string DateTimeText(DateTimeOffset value) =>
        value.Offset == TimeSpan.Zero && value.Minute % 2 == 0
            ? value.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)
            : value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Day(decimal dayNumber) => DateOnly.FromDayNumber((int)dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Quote(string expression) => "\"" + expression.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
