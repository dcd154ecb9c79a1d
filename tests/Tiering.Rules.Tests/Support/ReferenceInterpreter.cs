using Tiering.Rules.Model;

namespace Tiering.Rules.Tests.Support;

/// <summary>
/// What the reference interpreter decided: status, grade id, the fired rule ids in rule-index (file) order and, for
/// scorecards that reached their rules (classified or unclassified), the score.
/// </summary>
/// <remarks>Equality compares the fired ids as sequences, so a decision can be compared with an engine result.</remarks>
internal sealed record ReferenceDecision(DecisionStatus Status, string? GradeId, IReadOnlyList<string> FiredRuleIds)
{
    public decimal? Score { get; init; }

    /// <summary>The collect list's rule ids in its order (<c>Decision.Collected</c>); null when not stated, and then not compared.</summary>
    public IReadOnlyList<string>? Collected { get; init; }

    /// <summary>The computed outputs (formulas only) of a classified decision, as output text.</summary>
    public IReadOnlyDictionary<string, string> Outputs { get; init; } = new Dictionary<string, string>();

    public bool Equals(ReferenceDecision? other) =>
        other is not null && Status == other.Status && string.Equals(GradeId, other.GradeId, StringComparison.Ordinal)
        && FiredRuleIds.SequenceEqual(other.FiredRuleIds, StringComparer.Ordinal) && Score == other.Score
        && (Collected is null || other.Collected is null || Collected.SequenceEqual(other.Collected, StringComparer.Ordinal))
        && Outputs.Count == other.Outputs.Count
        && Outputs.All(o => other.Outputs.TryGetValue(o.Key, out var value) && string.Equals(value, o.Value, StringComparison.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Status, GradeId, FiredRuleIds.Count, Score);

    public override string ToString() =>
        $"{Status}{(GradeId is null ? string.Empty : " " + GradeId)} [{string.Join(", ", FiredRuleIds)}]{(Score is { } score ? $" score {score}" : string.Empty)}"
        + (Collected is null || Collected.SequenceEqual(FiredRuleIds, StringComparer.Ordinal) ? string.Empty : $" collected [{string.Join(", ", Collected)}]")
        + (Outputs.Count == 0 ? string.Empty : " {" + string.Join(", ", Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key}={o.Value}")) + "}");
}

/// <summary>
/// The test oracle of docs/DESIGN.md §6 (Compilation and performance): a deliberately plain tree-walking interpreter
/// of the policy <em>model</em> (<see cref="PolicyDefinition"/>, <see cref="RuleDefinition"/>, <see cref="BoundExpr"/>).
/// It shares nothing with the compiled evaluator (no <c>CompiledPolicy</c>, <c>ExpressionCompiler</c>, <c>BandLookup</c>
/// or <c>Frame</c>) and re-implements the semantics of docs/DESIGN.md §4 (Semantics) from scratch, favouring obviousness over speed.
/// <para>
/// Facts are dictionaries of already-valid values: <see cref="decimal"/> (or any integral type) for decimal and integer
/// fields, <see cref="bool"/>, <see cref="string"/> (also enum values) and <see cref="DateOnly"/>. It does not validate
/// facts. An optional field that is absent uses its <c>whenMissing</c> value; reading an absent optional field without
/// one, and <c>decision(…)</c> pseudo-fields, are not modelled (<see cref="NotSupportedException"/>).
/// </para>
/// </summary>
internal static class ReferenceInterpreter
{
    public static ReferenceDecision Decide(PolicyDefinition policy, IReadOnlyDictionary<string, object?> fact, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(fact);
        var run = new Run(policy, fact, asOf);
        try
        {
            return run.Decide();
        }
        catch (ArithmeticException)
        {
            // Overflow or division by zero while evaluating: the engine reports an invalid decision, no rules.
            return new ReferenceDecision(DecisionStatus.Invalid, null, []);
        }
    }

    private sealed class Run(PolicyDefinition policy, IReadOnlyDictionary<string, object?> fact, DateOnly? asOf)
    {
        public ReferenceDecision Decide()
        {
            // Derived values are computed for every valid fact (a failure makes it invalid), then the checks.
            foreach (var derived in policy.Derived)
            {
                Eval(derived.Derived!);
            }

            if (policy.Requirements.Any(r => !Test(r.Condition)))
            {
                return new ReferenceDecision(DecisionStatus.Invalid, null, []);
            }

            if (policy.AppliesWhen is { } applies && !Test(applies))
            {
                return new ReferenceDecision(DecisionStatus.NotApplicable, null, []);
            }

            var decision = policy.HitPolicy switch
            {
                HitPolicy.First => DecideFirst(),
                HitPolicy.Unique => DecideUnique(),
                HitPolicy.Worst or HitPolicy.Collect => DecideByRank(mostSevere: true),
                HitPolicy.Best => DecideByRank(mostSevere: false),
                HitPolicy.Scorecard => DecideScorecard(),
                _ => throw new NotSupportedException($"hit policy {policy.HitPolicy}"),
            };
            decision = policy.HitPolicy == HitPolicy.Scorecard ? decision with { Score = _score } : decision;
            decision = decision with { Collected = CollectList(decision.FiredRuleIds) };
            return decision.Status == DecisionStatus.Classified ? decision with { Outputs = ComputedOutputs(decision) } : decision;
        }

        private decimal _score;

        /// <summary>
        /// The collect list's order: under collect with declared priorities, by priority (1 first), equal ones in rule
        /// order — insertion into a list kept sorted, not a library sort; otherwise the fired rules in rule order.
        /// </summary>
        private List<string> CollectList(IReadOnlyList<string> fired)
        {
            var list = new List<string>();
            if (policy.HitPolicy != HitPolicy.Collect || policy.Rules.All(r => r.Priority is null))
            {
                list.AddRange(fired);
                return list;
            }

            int PriorityOf(string id) => policy.Rules.Single(r => r.Id == id).Priority!.Value;
            foreach (var id in fired)
            {
                var at = list.Count;
                while (at > 0 && PriorityOf(list[at - 1]) > PriorityOf(id))
                {
                    at--;
                }

                list.Insert(at, id);
            }

            return list;
        }

        /// <summary>The rule whose grade the decision took (null: default, below, none).</summary>
        private RuleDefinition? _deciding;

        /// <summary>
        /// The formulas of the decision (docs/DESIGN.md §4, Outputs): the deciding rule's own, after its grade's that it
        /// does not override; with no deciding rule, the grade's; under collect, every fired rule's, then the grade's
        /// whose key no fired rule sets.
        /// </summary>
        private Dictionary<string, string> ComputedOutputs(ReferenceDecision decision)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            var grade = decision.GradeId is { } id ? policy.Grades.Single(g => g.Id == id) : null;
            if (policy.HitPolicy == HitPolicy.Collect)
            {
                var fired = policy.Rules.Where(r => decision.FiredRuleIds.Contains(r.Id)).ToList();
                foreach (var rule in fired)
                {
                    foreach (var output in rule.Computed)
                    {
                        result[output.Name] = Render(output.Expr);
                    }
                }

                foreach (var output in grade?.Computed ?? [])
                {
                    if (!fired.Any(r => r.Outputs.ContainsKey(output.Name) || r.Computed.Any(c => c.Name == output.Name)))
                    {
                        result[output.Name] = Render(output.Expr);
                    }
                }

                return result;
            }

            foreach (var output in grade?.Computed ?? [])
            {
                if (_deciding is null || (!_deciding.Outputs.ContainsKey(output.Name) && _deciding.Computed.All(c => c.Name != output.Name)))
                {
                    result[output.Name] = Render(output.Expr);
                }
            }

            foreach (var output in _deciding?.Computed ?? [])
            {
                result[output.Name] = Render(output.Expr);
            }

            return result;
        }

        /// <summary>A value as output text: invariant numbers (their scale kept), yyyy-MM-dd dates, true/false, names.</summary>
        private string Render(BoundExpr expr)
        {
            var value = Eval(expr);
            return expr.Type.Kind switch
            {
                ValueKind.Number => ((decimal)value).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ValueKind.Date => DateOnly.FromDayNumber((int)(decimal)value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ValueKind.DateTime => ((DateTimeOffset)value).ToString(((DateTimeOffset)value).Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:sszzz" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
                ValueKind.Boolean => (bool)value ? "true" : "false",
                ValueKind.Text => (string)value,
                _ => expr.Type.Domain!.Values[(int)value],
            };
        }

        /// <summary>Ordinary rules and band rows, in file order.</summary>
        private IEnumerable<RuleDefinition> Candidates() =>
            policy.Rules.Where(r => r.Kind is RuleKind.Rule or RuleKind.Band).OrderBy(r => r.Index);

        private bool Holds(RuleDefinition rule)
        {
            if (rule.Condition is null)
            {
                throw new NotSupportedException($"rule '{rule.Id}' ({rule.Kind}) has no condition");
            }

            var holds = Test(rule.Condition);
            if (rule.Kind == RuleKind.Band && rule.Interval is { } interval && holds != Inside(interval, Number(policy.Bands!.On!)))
            {
                // The model's own consistency: a band row's condition must say the same as its interval.
                throw new InvalidOperationException($"band '{rule.Id}': condition and interval {interval} disagree");
            }

            return holds;
        }

        private ReferenceDecision DecideFirst()
        {
            foreach (var rule in Candidates())
            {
                if (Holds(rule))
                {
                    _deciding = rule.Grade is null ? null : rule;
                    return rule.Grade is { } grade ? Classified(grade, [rule]) : Fallback([rule], score: 0);
                }
            }

            return Fallback([], score: 0);
        }

        private ReferenceDecision DecideUnique()
        {
            var fired = Candidates().Where(Holds).ToList();
            if (fired.Count > 1)
            {
                return new ReferenceDecision(DecisionStatus.Conflict, null, Ids(fired));
            }

            if (fired.Count == 1 && fired[0].Grade is { } grade)
            {
                _deciding = fired[0];
                return Classified(grade, fired);
            }

            return Fallback(fired, score: 0);
        }

        private ReferenceDecision DecideByRank(bool mostSevere)
        {
            var fired = Candidates().Where(Holds).ToList();
            int? chosen = null;
            foreach (var rule in fired)
            {
                if (rule.Grade is not { } grade)
                {
                    continue;
                }

                var rank = policy.Grades[grade].Rank;
                if (chosen is null || (mostSevere ? rank > policy.Grades[chosen.Value].Rank : rank < policy.Grades[chosen.Value].Rank))
                {
                    chosen = grade;
                    _deciding = rule;
                }
            }

            return chosen is { } g ? Classified(g, fired) : Fallback(fired, score: 0);
        }

        private ReferenceDecision DecideScorecard()
        {
            var fired = new List<RuleDefinition>();
            var score = 0m;
            foreach (var item in policy.Rules.Where(r => r.Kind == RuleKind.ScoreItem).OrderBy(r => r.Index))
            {
                if (item.Condition is null || Test(item.Condition))
                {
                    fired.Add(item);
                    score += Number(item.Points!);
                }
            }

            _score = score;

            int? veto = null;
            foreach (var rule in policy.Rules.Where(r => r.Kind == RuleKind.Veto).OrderBy(r => r.Index))
            {
                if (Test(rule.Condition!))
                {
                    fired.Add(rule);
                    var grade = rule.Grade!.Value;
                    if (veto is null || policy.Grades[grade].Rank > policy.Grades[veto.Value].Rank)
                    {
                        veto = grade;
                        _deciding = rule;
                    }
                }
            }

            if (veto is { } vetoGrade)
            {
                return Classified(vetoGrade, fired);
            }

            foreach (var row in policy.Rules.Where(r => r.Kind == RuleKind.GradingBand).OrderBy(r => r.Index))
            {
                if (Inside(row.Interval!.Value, score))
                {
                    fired.Add(row);
                    _deciding = row;
                    return Classified(row.Grade!.Value, fired);
                }
            }

            return Fallback(fired, score);
        }

        /// <summary>No rule gave a grade: collect's gradeless outputs, then <c>below</c>, then <c>default</c>, else unclassified.</summary>
        private ReferenceDecision Fallback(List<RuleDefinition> fired, decimal score)
        {
            _deciding = null;
            if (policy.HitPolicy == HitPolicy.Collect && fired.Count > 0 && policy.DefaultGrade is null)
            {
                return new ReferenceDecision(DecisionStatus.Classified, null, Ids(fired));
            }

            var table = policy.HitPolicy == HitPolicy.Scorecard ? policy.Grading : policy.Bands;
            if (table is { Below: { } below } && table.Rows.Length > 0)
            {
                var value = policy.HitPolicy == HitPolicy.Scorecard ? score : Number(table.On!);
                if (table.Rows.All(row => Under(row.Interval!.Value, value)))
                {
                    return Classified(below, fired);
                }
            }

            return policy.DefaultGrade is { } fallback
                ? Classified(fallback, fired)
                : new ReferenceDecision(DecisionStatus.Unclassified, null, Ids(fired));
        }

        private ReferenceDecision Classified(int grade, IEnumerable<RuleDefinition> fired) =>
            new(DecisionStatus.Classified, policy.Grades[grade].Id, Ids(fired));

        private static List<string> Ids(IEnumerable<RuleDefinition> fired) => [.. fired.OrderBy(r => r.Index).Select(r => r.Id)];

        private static bool Inside(Interval interval, decimal value)
        {
            if (interval.Low is { } low && (value < low || (value == low && !interval.LowInclusive)))
            {
                return false;
            }

            if (interval.High is { } high && (value > high || (value == high && !interval.HighInclusive)))
            {
                return false;
            }

            return true;
        }

        /// <summary>True when <paramref name="value"/> lies strictly under the interval's lower end.</summary>
        private static bool Under(Interval interval, decimal value) =>
            interval.Low is { } low && (value < low || (value == low && !interval.LowInclusive));

        // ---- expressions ----------------------------------------------------------------------------------------

        private bool Test(BoundExpr expr) => (bool)Eval(expr);

        private decimal Number(BoundExpr expr) => (decimal)Eval(expr);

        private decimal Number(FieldDefinition field) => (decimal)ReadField(field);

        /// <summary>Values: decimal (numbers, and dates as day numbers), bool, string, int (enum ordinals).</summary>
        private object Eval(BoundExpr expr)
        {
            switch (expr)
            {
                case BoundLiteral literal:
                    return literal.Type.Kind switch
                    {
                        ValueKind.Number or ValueKind.Date => literal.Value.Number,
                        ValueKind.DateTime => FromLiteral(literal.Value.Number),
                        ValueKind.Boolean => literal.Value.Boolean,
                        ValueKind.Text => literal.Value.Text!,
                        _ => literal.Value.Ordinal,
                    };
                case BoundField field:
                    return ReadField(field.Field);
                case BoundIsMissing missing:
                    return !fact.TryGetValue(missing.Field.Name, out var present) || present is null;
                case BoundNot not:
                    return !Test(not.Operand);
                case BoundNegate negate:
                    return -Number(negate.Operand);
                case BoundLogical logical:
                    return logical.Op == LogicalOp.And
                        ? Test(logical.Left) && Test(logical.Right)
                        : Test(logical.Left) || Test(logical.Right);
                case BoundCompare compare:
                    return Compare(compare);
                case BoundArithmetic arithmetic:
                    {
                        var left = Number(arithmetic.Left);
                        var right = Number(arithmetic.Right);
                        return arithmetic.Op switch
                        {
                            ArithmeticOp.Add => left + right,
                            ArithmeticOp.Subtract => left - right,
                            ArithmeticOp.Multiply => left * right,
                            _ => left / right,
                        };
                    }

                case BoundInterval interval:
                    {
                        var value = Number(interval.Subject);
                        var low = Number(interval.Low);
                        var aboveLow = interval.LowInclusive ? value >= low : value > low;
                        var inside = aboveLow && (interval.HighInclusive ? value <= Number(interval.High) : value < Number(interval.High));
                        return interval.Negated ? !inside : inside;
                    }

                case BoundSet set:
                    {
                        var value = Eval(set.Subject);
                        var member = set.Values.Any(v => set.Subject.Type.Kind switch
                        {
                            ValueKind.Boolean => (bool)value == v.Boolean,
                            ValueKind.Text => string.Equals((string)value, v.Text, StringComparison.Ordinal),
                            _ => (int)value == v.Ordinal,
                        });
                        return set.Negated ? !member : member;
                    }

                case BoundCall call:
                    return call.Type.Kind == ValueKind.DateTime ? MoveDateTime(call) : Call(call);
                default:
                    throw new NotSupportedException($"reference interpreter: {expr.GetType().Name}");
            }
        }

        private bool Compare(BoundCompare compare)
        {
            var left = Eval(compare.Left);
            var right = Eval(compare.Right);
            switch (compare.OperandKind)
            {
                case ValueKind.Boolean:
                    return compare.Op == CompareOp.Equal ? (bool)left == (bool)right
                        : compare.Op == CompareOp.NotEqual ? (bool)left != (bool)right
                        : throw new NotSupportedException("ordering booleans");
                case ValueKind.Text:
                    return compare.Op == CompareOp.Equal ? string.Equals((string)left, (string)right, StringComparison.Ordinal)
                        : compare.Op == CompareOp.NotEqual ? !string.Equals((string)left, (string)right, StringComparison.Ordinal)
                        : throw new NotSupportedException("ordering text");
                case ValueKind.Ordinal:
                    return Order(((int)left).CompareTo((int)right), compare.Op);
                default:
                    return Order(((decimal)left).CompareTo((decimal)right), compare.Op);
            }

            static bool Order(int sign, CompareOp op) => op switch
            {
                CompareOp.Equal => sign == 0,
                CompareOp.NotEqual => sign != 0,
                CompareOp.Less => sign < 0,
                CompareOp.LessEqual => sign <= 0,
                CompareOp.Greater => sign > 0,
                _ => sign >= 0,
            };
        }

        /// <summary>
        /// A date-time literal as the model holds it: the UTC ticks × 10,000 plus the offset in minutes + 5,000 (the
        /// binder's encoding, read here on its own terms).
        /// </summary>
        private static DateTimeOffset FromLiteral(decimal code)
        {
            var ticks = (long)decimal.Floor(code / 10_000m);
            var minutes = (int)(code - (ticks * 10_000m)) - 5_000;
            return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(minutes));
        }

        private DateTimeOffset DateTimeOf(BoundExpr expr) => (DateTimeOffset)Eval(expr);

        /// <summary>addDays and addMonths on a date-time: at its own offset, the clock time kept; off the calendar, arithmetic fails.</summary>
        private DateTimeOffset MoveDateTime(BoundCall call)
        {
            var start = DateTimeOf(call.Arguments[0]);
            var n = Whole(call.Arguments[1]);
            try
            {
                return call.Function == FunctionKind.AddMonthsToDateTime ? start.AddMonths(n) : start + TimeSpan.FromDays(n);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new OverflowException(ex.Message);
            }
        }

        private decimal Call(BoundCall call)
        {
            switch (call.Function)
            {
                case FunctionKind.Instant:
                    return DateTimeOf(call.Arguments[0]).UtcTicks;
                case FunctionKind.DateOf:
                    return DateOnly.FromDateTime(DateTimeOf(call.Arguments[0]).DateTime).DayNumber;
                case FunctionKind.DaysBetweenInstants:
                    // Whole days of 24 hours, a partial day not counted (long division truncates toward zero).
                    return (DateTimeOf(call.Arguments[1]) - DateTimeOf(call.Arguments[0])).Ticks / TimeSpan.TicksPerDay;
                case FunctionKind.HoursBetween:
                    return (DateTimeOf(call.Arguments[1]) - DateTimeOf(call.Arguments[0])).Ticks / TimeSpan.TicksPerHour;
                case FunctionKind.DaysBetween:
                    return Number(call.Arguments[1]) - Number(call.Arguments[0]);
                case FunctionKind.MonthsBetween:
                    return Months(Day(call.Arguments[0]), Day(call.Arguments[1]));
                case FunctionKind.MonthsBetweenDateTimes:
                    return Months(DateTimeOf(call.Arguments[0]), DateTimeOf(call.Arguments[1]));
                case FunctionKind.AddDays:
                    return OnCalendar(() => Day(call.Arguments[0]).AddDays(Whole(call.Arguments[1])));
                case FunctionKind.AddMonths:
                    return OnCalendar(() => Day(call.Arguments[0]).AddMonths(Whole(call.Arguments[1])));
                case FunctionKind.Year:
                    return Day(call.Arguments[0]).Year;
                case FunctionKind.Month:
                    return Day(call.Arguments[0]).Month;
                case FunctionKind.Day:
                    return Day(call.Arguments[0]).Day;
                case FunctionKind.Abs:
                    return Math.Abs(Number(call.Arguments[0]));
                case FunctionKind.Round:
                    {
                        // Half away from zero, and exactly `digits` decimals (round(1000, 2) is 1000.00).
                        var digits = call.Arguments.Length > 1 ? (int)Number(call.Arguments[1]) : 0;
                        var rounded = decimal.Round(Number(call.Arguments[0]), digits, MidpointRounding.AwayFromZero);
                        return rounded.Scale >= digits ? rounded : decimal.Parse(rounded.ToString("F" + digits, System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
                    }

                default:
                    {
                        var result = Number(call.Arguments[0]);
                        foreach (var argument in call.Arguments.Skip(1))
                        {
                            var next = Number(argument);
                            result = call.Function == FunctionKind.Min ? (next < result ? next : result) : (next > result ? next : result);
                        }

                        return result;
                    }
            }
        }

        private DateOnly Day(BoundExpr expr) => DateOnly.FromDayNumber((int)Number(expr));

        /// <summary>A whole number of days or months, else the arithmetic fails (as a division by zero would).</summary>
        private int Whole(BoundExpr expr)
        {
            var n = Number(expr);
            return n == Math.Floor(n) && n is > -1_000_000 and < 1_000_000 ? (int)n : throw new ArithmeticException($"not a whole number: {n}");
        }

        private static decimal OnCalendar(Func<DateOnly> compute)
        {
            try
            {
                return compute().DayNumber;
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new OverflowException(ex.Message);
            }
        }

        /// <summary>Whole months from one date to another, counted by stepping (DESIGN §3): the most m with from + m months ≤ to.</summary>
        private static decimal Months(DateOnly from, DateOnly to)
        {
            if (to < from)
            {
                return -Months(to, from);
            }

            var m = 0;
            while (from.AddMonths(m + 1) <= to)
            {
                m++;
            }

            return m;
        }

        /// <summary>
        /// Whole months between date-times, counted by stepping (DESIGN §3): the most m with from + m months (at from's
        /// clock time and offset) ≤ to as instants; negative, counted from to, when to is earlier.
        /// </summary>
        private static decimal Months(DateTimeOffset from, DateTimeOffset to)
        {
            if (to < from)
            {
                return -Months(to, from);
            }

            var m = 0;
            try
            {
                while (from.AddMonths(m + 1) <= to)
                {
                    m++;
                }
            }
            catch (ArgumentOutOfRangeException)
            {
                // The next month is off the calendar, so it is not reached.
            }

            return m;
        }

        private object ReadField(FieldDefinition field)
        {
            if (field.Derived is { } derived)
            {
                return Eval(derived);
            }

            if (field.IsAsOf)
            {
                return asOf is { } date ? (decimal)date.DayNumber : throw new NotSupportedException("reference interpreter: asOf without a date");
            }

            if (field.IsDecisionRef)
            {
                throw new NotSupportedException($"reference interpreter: {field.Name}");
            }

            if (!fact.TryGetValue(field.Name, out var raw) || raw is null)
            {
                if (field.Optional && field.WhenMissing is { } substitute)
                {
                    return field.Type switch
                    {
                        FieldType.Decimal or FieldType.Integer or FieldType.Date => substitute.Number,
                        FieldType.Boolean => substitute.Boolean,
                        FieldType.String => substitute.Text!,
                        _ => substitute.Ordinal,
                    };
                }

                throw new NotSupportedException($"reference interpreter: field '{field.Name}' is missing");
            }

            return field.Type switch
            {
                FieldType.Decimal or FieldType.Integer => Convert.ToDecimal(raw, System.Globalization.CultureInfo.InvariantCulture),
                FieldType.Boolean => (bool)raw,
                FieldType.String => (string)raw,
                FieldType.Date => (decimal)((DateOnly)raw).DayNumber,
                FieldType.DateTime => DateTimeOffset.ParseExact((string)raw, ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:sszzz"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
                _ => OrdinalOf(field, (string)raw),
            };
        }

        private static int OrdinalOf(FieldDefinition field, string value)
        {
            var values = field.Domain!.Values;
            for (var i = 0; i < values.Length; i++)
            {
                if (string.Equals(values[i], value, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            throw new ArgumentException($"'{value}' is not a value of {field.Name}", nameof(value));
        }
    }
}
