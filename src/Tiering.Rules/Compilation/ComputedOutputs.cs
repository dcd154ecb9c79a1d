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

    private ComputedOutputs(PolicyDefinition policy, FrameLayout layout, OutputMap[] ruleOutputs, OutputMap[] gradeOutputs)
    {
        _collect = policy.HitPolicy == HitPolicy.Collect;
        _policy = policy;
        var closures = new ClosureCompiler(layout);
        _byGrade = new Plan?[policy.Grades.Length];
        for (var g = 0; g < _byGrade.Length; g++)
        {
            _byGrade[g] = Plan.Of(policy.Grades[g].Computed, closures, _collect ? null : gradeOutputs[g]);
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

            _byRule[rule.Index] = Plan.Of(outputs, closures, _collect ? null : ruleOutputs[rule.Index]);
        }

        Layout = layout;
    }

    private FrameLayout Layout { get; }

    /// <summary>The policy's computed outputs, or null when it has no formula (the common case costs nothing).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="layout">Where its fields live.</param>
    /// <param name="ruleOutputs">Each rule's plain outputs over its grade's (what a decision by it outputs besides formulas).</param>
    /// <param name="gradeOutputs">Each grade's plain outputs.</param>
    public static ComputedOutputs? TryCreate(PolicyDefinition policy, FrameLayout layout, OutputMap[] ruleOutputs, OutputMap[] gradeOutputs) =>
        policy.HasFormulas() ? new ComputedOutputs(policy, layout, ruleOutputs, gradeOutputs) : null;

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
            return plan?.Run(frame);
        }

        var outputs = new List<ComputedOutput>();
        var values = new List<RuntimeValue>();
        var owners = new List<int>();
        var ruleKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in frame.FiredIndices())
        {
            ruleKeys.UnionWith(_policy.Rules[index].Outputs.Keys);
            if (_byRule[index] is { } plan)
            {
                var run = plan.Run(frame);
                for (var i = 0; i < plan.Outputs.Length; i++)
                {
                    outputs.Add(plan.Outputs[i]);
                    values.Add(run.ValueAt(i));
                    owners.Add(index);
                    ruleKeys.Add(plan.Outputs[i].Name);
                }
            }
        }

        if (grade >= 0 && _byGrade[grade] is { } gradePlan)
        {
            var gradeValues = gradePlan.Run(frame);
            for (var i = 0; i < gradePlan.Outputs.Length; i++)
            {
                if (!ruleKeys.Contains(gradePlan.Outputs[i].Name))
                {
                    outputs.Insert(0, gradePlan.Outputs[i]);
                    values.Insert(0, gradeValues.ValueAt(i));
                    owners.Insert(0, -1);
                }
            }
        }

        return outputs.Count == 0 ? null : new ComputedValues(null, [.. outputs], [.. values]) { Owners = [.. owners] };
    }

    /// <summary>
    /// For a typed kernel (not under <c>collect</c>): the expression that makes the computed values of a decision by
    /// rule <paramref name="deciding"/> (or, with -1, by grade <paramref name="grade"/>), its formulas compiled over
    /// <paramref name="compiler"/>'s reads; null when that way of ending has no formula. The values are those
    /// <see cref="Evaluate"/> gives on a frame holding the same field values.
    /// </summary>
    public Expression? Make(ExpressionCompiler compiler, int deciding, int grade) =>
        (deciding >= 0 ? _byRule[deciding] : grade >= 0 ? _byGrade[grade] : null)?.Make(compiler);

    /// <summary>Replaces every plan's closures by compiled expression trees (the kernel's tier-up calls this).</summary>
    public void Compile()
    {
        foreach (var plan in _byRule.Concat(_byGrade))
        {
            plan?.Compile(Layout);
        }
    }

    /// <summary>
    /// The formulas of one way of ending, and their evaluator in the current tier: closures, then one compiled lambda
    /// for the whole plan (one call per decision, the frame's arrays loaded once). A plan of at most
    /// <see cref="ComputedValues.InlineNumbers"/> numbers or dates keeps its values inline in the
    /// <see cref="ComputedValues"/> (no value array per fact).
    /// </summary>
    private sealed class Plan
    {
        private static readonly System.Reflection.ConstructorInfo InlineConstructor =
            typeof(ComputedValues).GetConstructor([typeof(OutputShape), typeof(ComputedOutput[]), typeof(decimal), typeof(decimal)])!;

        private static readonly System.Reflection.ConstructorInfo ArrayConstructor =
            typeof(ComputedValues).GetConstructor([typeof(OutputShape), typeof(ComputedOutput[]), typeof(RuntimeValue[])])!;

        private static readonly System.Reflection.MethodInfo NewValues = typeof(Plan).GetMethod(nameof(ValueArray), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        private readonly Func<Frame, decimal>[]? _numbers;
        private Func<Frame, RuntimeValue>[]? _values;
        private Func<Frame, ComputedValues>? _compiled;

        private Plan(ComputedOutput[] outputs, ClosureCompiler closures, OutputShape? shape)
        {
            Outputs = outputs;
            Shape = shape;
            if (IsInline)
            {
                _numbers = [.. outputs.Select(o => closures.Number(o.Expr))];
            }
            else
            {
                _values = [.. outputs.Select(o => closures.Value(o.Expr))];
            }
        }

        public ComputedOutput[] Outputs { get; }

        /// <summary>The outputs of a decision by this rule or grade, plain and computed (null under collect, whose outputs merge several rules').</summary>
        public OutputShape? Shape { get; }

        /// <summary>Whether the values live inline: one or two formulas, each a number, a date or a date-time (a number slot).</summary>
        private bool IsInline => Outputs.Length <= ComputedValues.InlineNumbers && Outputs.All(o => o.Expr.Type.Kind is ValueKind.Number or ValueKind.Date or ValueKind.DateTime);

        public static Plan? Of(ComputedOutput[] outputs, ClosureCompiler closures, OutputMap? plain) =>
            outputs.Length == 0 ? null : new Plan(outputs, closures, plain is null ? null : OutputShape.Of(plain, outputs));

        private static RuntimeValue[] ValueArray(int length) => new RuntimeValue[length];

        public ComputedValues Run(Frame frame)
        {
            if (Volatile.Read(ref _compiled) is { } compiled)
            {
                return compiled(frame);
            }

            if (_numbers is { } numbers)
            {
                var first = numbers[0](frame);
                var second = numbers.Length > 1 ? numbers[1](frame) : 0m;
                return new ComputedValues(Shape, Outputs, first, second);
            }

            var evaluators = Volatile.Read(ref _values)!;
            var values = new RuntimeValue[evaluators.Length];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = evaluators[i](frame);
            }

            return new ComputedValues(Shape, Outputs, values);
        }

        /// <summary>
        /// The expression-tree tier: an inline plan becomes one lambda that evaluates its formulas in order (so the first
        /// to fail is the one reported) straight into its values; any other plan, one lambda per formula.
        /// </summary>
        public void Compile(FrameLayout layout)
        {
            if (_numbers is null)
            {
                var compiled = new Func<Frame, RuntimeValue>[Outputs.Length];
                for (var i = 0; i < compiled.Length; i++)
                {
                    var parameter = Expression.Parameter(typeof(Frame), "frame");
                    var one = new ExpressionCompiler(parameter, layout);
                    compiled[i] = Expression.Lambda<Func<Frame, RuntimeValue>>(one.Block(one.CompileValue(Outputs[i].Expr)), parameter).Compile();
                }

                Volatile.Write(ref _values, compiled);
                return;
            }

            var frame = Expression.Parameter(typeof(Frame), "frame");
            var compiler = new ExpressionCompiler(frame, layout);
            Volatile.Write(ref _compiled, Expression.Lambda<Func<Frame, ComputedValues>>(compiler.Block(Make(compiler)), frame).Compile());
        }

        /// <summary>
        /// The values of this plan's formulas, evaluated in order over <paramref name="compiler"/>'s reads (so the first
        /// to fail is the one reported), made into a <see cref="ComputedValues"/>: inline, or in a value array.
        /// </summary>
        public Expression Make(ExpressionCompiler compiler)
        {
            var shape = Expression.Constant(Shape, typeof(OutputShape));
            if (_numbers is null)
            {
                // Filled in order into a new array (Expression.NewArrayInit would need dynamic code under AOT analysis).
                var values = Expression.Variable(typeof(RuntimeValue[]), "values");
                var statements = new List<Expression> { Expression.Assign(values, Expression.Call(NewValues, Expression.Constant(Outputs.Length))) };
                for (var i = 0; i < Outputs.Length; i++)
                {
                    statements.Add(Expression.Assign(Expression.ArrayAccess(values, Expression.Constant(i)), compiler.CompileValue(Outputs[i].Expr)));
                }

                statements.Add(Expression.New(ArrayConstructor, shape, Expression.Constant(Outputs), values));
                return Expression.Block([values], statements);
            }

            var first = compiler.Compile(Outputs[0].Expr);
            var second = Outputs.Length > 1 ? compiler.Compile(Outputs[1].Expr) : Expression.Constant(0m);
            return Expression.New(InlineConstructor, shape, Expression.Constant(Outputs), first, second);
        }
    }
}

/// <summary>
/// Where each output of a decision by one rule (or grade) comes from, shared by every such decision: the keys in the
/// order the outputs list them (the plain outputs, each overridden by a formula of the same key, then the other
/// formulas), and for each key its plain text or the index of its computed value. Immutable.
/// </summary>
internal sealed class OutputShape
{
    private OutputShape(string[] keys, string?[] plain, int[] computed, ComputedOutput[] outputs)
    {
        Keys = keys;
        Plain = plain;
        Computed = computed;
        Outputs = outputs;
        Types = [.. computed.Select(at => at >= 0 ? outputs[at].Expr.Type : default)];
    }

    public string[] Keys { get; }

    /// <summary>The plain text of each key, or null where a formula gives it.</summary>
    public string?[] Plain { get; }

    /// <summary>The index of each key's computed value, or −1 for a plain one.</summary>
    public int[] Computed { get; }

    public ComputedOutput[] Outputs { get; }

    /// <summary>The type of each key's computed value (unused for a plain one): how it is printed.</summary>
    public ExprType[] Types { get; }

    public static OutputShape Of(OutputMap plain, ComputedOutput[] outputs)
    {
        var keys = new List<string>(plain.Count + outputs.Length);
        var texts = new List<string?>(keys.Capacity);
        var computed = new List<int>(keys.Capacity);
        foreach (var (key, value) in plain)
        {
            keys.Add(key);
            texts.Add(value);
            computed.Add(-1);
        }

        for (var i = 0; i < outputs.Length; i++)
        {
            var at = keys.IndexOf(outputs[i].Name);
            if (at < 0)
            {
                keys.Add(outputs[i].Name);
                texts.Add(null);
                computed.Add(i);
            }
            else
            {
                texts[at] = null;
                computed[at] = i;
            }
        }

        // Interned, so that a host reading an output by a literal name matches it by reference.
        return new OutputShape([.. keys.Select(string.Intern)], [.. texts], [.. computed], outputs);
    }

    public int IndexOf(string key)
    {
        var keys = Keys;
        for (var i = 0; i < keys.Length; i++)
        {
            if (string.Equals(keys[i], key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// The computed outputs of one decision: which formulas, and their values in the same order (inline when they are at
/// most <see cref="InlineNumbers"/> numbers or dates, else in an array). With a <see cref="Shape"/> (the outputs of one
/// rule or grade) it is also the decision's outputs map: a computed value is formatted when it is read, so a decision
/// holds no second copy of its outputs as text (no key or value arrays per fact). Immutable.
/// </summary>
internal sealed class ComputedValues : IReadOnlyDictionary<string, string>
{
    /// <summary>How many number-slot values (numbers, dates, date-times) a decision keeps inline, without an array.</summary>
    public const int InlineNumbers = 2;

    private readonly RuntimeValue[]? _values;
    private readonly decimal _first;
    private readonly decimal _second;

    /// <summary>Values of formulas in <paramref name="outputs"/>' order; read through <paramref name="shape"/> as one rule's (or grade's) outputs, or, without one, several rules' (collect).</summary>
    public ComputedValues(OutputShape? shape, ComputedOutput[] outputs, RuntimeValue[] values)
    {
        Shape = shape;
        Outputs = outputs;
        _values = values;
    }

    /// <summary>The values of one or two formulas that give numbers, dates or date-times, kept inline (<paramref name="second"/> unused for one).</summary>
    public ComputedValues(OutputShape? shape, ComputedOutput[] outputs, decimal first, decimal second)
    {
        Shape = shape;
        Outputs = outputs;
        _first = first;
        _second = second;
    }

    public ComputedOutput[] Outputs { get; }

    /// <summary>The value of formula <paramref name="index"/> (in <see cref="Outputs"/>' order).</summary>
    public RuntimeValue ValueAt(int index) =>
        _values is { } values ? values[index] : RuntimeValue.FromNumber(index == 0 ? _first : index == 1 ? _second : throw new ArgumentOutOfRangeException(nameof(index)));

    /// <summary>Under <c>collect</c>: per value, the fired rule whose formula it is (-1 for the grade's); otherwise null.</summary>
    public int[]? Owners { get; init; }

    /// <summary>The outputs of a decision by one rule or grade; null under collect.</summary>
    public OutputShape? Shape { get; }

    public int Count => Shape!.Keys.Length;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => Shape!.Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => this.Select(kv => kv.Value);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no output '{key}'");

    public bool ContainsKey(string key) => Shape!.IndexOf(key) >= 0;

    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value)
    {
        var i = Shape!.IndexOf(key);
        value = i >= 0 ? TextAt(i) : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        var shape = Shape!;
        for (var i = 0; i < shape.Keys.Length; i++)
        {
            yield return new KeyValuePair<string, string>(shape.Keys[i], TextAt(i));
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    private string TextAt(int i)
    {
        var shape = Shape!;
        if (shape.Plain[i] is { } plain)
        {
            return plain;
        }

        return ValueFunctions.FormatOutput(shape.Types[i], ValueAt(shape.Computed[i]));
    }
}
