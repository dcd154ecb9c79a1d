using System.Linq.Expressions;
using Tiering.Rules.Facts;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;
using static System.Linq.Expressions.Expression;
using static Tiering.Rules.Runtime.CodeGeneration;

namespace Tiering.Rules.Compilation;

/// <summary>What a typed kernel hands back besides its result code: the fired rules and the banded value.</summary>
internal struct TypedResult
{
    public ulong Fired;

    public decimal Banded;

    /// <summary>
    /// For a policy with computed outputs: the values of the classified decision's formulas (the kernel resolved the
    /// hit policy to find the rule or grade that decided), or null when that rule or grade has none or nothing classified.
    /// </summary>
    public ComputedValues? Computed;

    /// <summary>With <see cref="Computed"/>: the grade of the decision.</summary>
    public int Grade;

    /// <summary>With <see cref="Computed"/>: the deciding rule, or -1 (the default or <c>below</c> grade decided).</summary>
    public int Deciding;
}

/// <summary>
/// Decides a fact of one CLR type in one call: reads its properties into locals, validates them, checks scope and
/// rules, and returns the deciding rule of <c>first</c> or the band (for worst, best and collect -1: the resolver picks
/// from the fired rules) or -1, <see cref="RuleKernels.OutOfScope"/>, or
/// <see cref="TypedKernel.Fallback"/> when the general path must decide (a value fails validation, arithmetic fails).
/// </summary>
internal delegate int TypedKernelRun(object fact, ref TypedResult result);

/// <summary>
/// The fastest form of a policy for a POCO type: binding and rules fused into one compiled delegate, with no frame.
/// Built only for policies it can decide completely — every field a number, flag or enum read from a property of a
/// matching CLR type (required, or optional with <c>whenMissing</c>, whose substitute an absent value takes), no
/// chained decisions, derived values or as-of date, no scorecard, at most 64 rules. Cross-field checks
/// (<c>require:</c>) run in the kernel after binding; computed outputs (not under <c>collect</c>) are made in it over
/// the same locals for the rule or grade that decided. Anything else, and any fact that is not plainly valid (a value
/// off its domain or absent without a substitute, an unknown enum text, a failing check, failing arithmetic), goes
/// through the general path, which gives the same decision with its errors.
/// </summary>
internal sealed class TypedKernel
{
    /// <summary>Result code: let the general path decide this fact.</summary>
    public const int Fallback = -10;

    /// <summary>
    /// Result code of a band kernel whose policy has a <c>below</c> grade (and no formulas): the value lies under every
    /// band, so the decision is the <c>below</c> grade with no rule fired, known without reading the value again.
    /// </summary>
    public const int Below = -11;

    private TypedKernel(Type type, TypedKernelRun run, bool mayThrow)
    {
        Type = type;
        Run = run;
        MayThrow = mayThrow;
    }

    public Type Type { get; }

    public TypedKernelRun Run { get; }

    /// <summary>Whether the kernel makes computed outputs (<see cref="TypedResult.Computed"/>): the policy has formulas.</summary>
    public bool HasOutputs { get; private init; }

    /// <summary>
    /// Whether <see cref="Run"/> may throw an <see cref="ArithmeticException"/> (it does arithmetic or calls a function),
    /// so a caller must catch it and let the general path report it; a kernel of comparisons and flags cannot, and is
    /// called without the handler (a method with one is not inlined, which cost about a nanosecond a decision).
    /// </summary>
    public bool MayThrow { get; }

    /// <summary>
    /// Whether the kernel neither throws nor makes computed outputs, so that a batch can call <see cref="Run"/> directly
    /// and take the kept decision of its fired set (<see cref="PolicyEvaluator.DecidePlainRun"/>).
    /// </summary>
    public bool IsPlain => !MayThrow && !HasOutputs;

    /// <summary>Whether a typed kernel can decide <paramref name="policy"/> for facts of <paramref name="type"/>.</summary>
    public static bool CanBuild(PolicyDefinition policy, Type type) =>
        policy.DecisionRefs.Length == 0
        && (!policy.HasExtras || (policy.AsOfField is null && policy.Derived.Length == 0 && (policy.HitPolicy != HitPolicy.Collect || !policy.HasFormulas())))
        && policy.Group is null // a group policy's rules read aggregates, which no fact carries
        && policy.HitPolicy != HitPolicy.Scorecard
        && policy.Rules.Length <= 64
        && policy.Fields.All(f => (!f.Optional || f.WhenMissing is not null) && TypedReadOf(type, f) is not null);

    /// <summary>How a kernel for facts of <paramref name="type"/> reads a field: from a string-keyed dictionary by key, else from a property.</summary>
    private static PocoBinder.TypedFieldRead? TypedReadOf(Type type, FieldDefinition field, DictionaryReads.OnePass? pass = null) =>
        type == DictionaryReads.Type ? DictionaryReads.TypedRead(field, pass) : PocoBinder.TypedRead(type, field);

    /// <summary>
    /// Builds the kernel, or returns null when <see cref="CanBuild"/> is false. <paramref name="outputs"/> (the policy's
    /// formulas, when it has any) are made in the kernel for the rule or grade <paramref name="resolver"/> picks.
    /// </summary>
    public static TypedKernel? TryBuild(PolicyDefinition policy, BandLookup? bands, Type type, ComputedOutputs? outputs, HitPolicyResolver resolver)
    {
        if (!CanBuild(policy, type))
        {
            return null;
        }

        var fact = Parameter(typeof(object), "fact");
        var result = Parameter(typeof(TypedResult).MakeByRefType(), "result");
        var typed = Variable(type, "typed");
        var fired = Variable(typeof(ulong), "fired");
        var locals = new List<ParameterExpression> { typed, fired };
        var values = new Dictionary<FieldDefinition, Expression>();
        var wholes = new Dictionary<FieldDefinition, ParameterExpression>();
        var returnLabel = Label(typeof(int), "done");
        var binding = new List<Expression> { Assign(typed, Convert(fact, type)), Assign(fired, Constant(0UL)) };
        var pass = type == DictionaryReads.Type ? DictionaryReads.OnePass.For(policy.Fields) : null;
        if (pass is not null)
        {
            // A dictionary's values gathered in one walk over its entries, then read by index (DictionaryReads.OnePass).
            locals.Add(pass.Values);
            binding.Add(pass.Gather(typed));
        }

        var compiler = new ExpressionCompiler(f => values[f], f => wholes[f]);
        var checkedRules = bands is not null
            ? []
            : policy.Rules.Where(r => r.Kind != RuleKind.GradingBand && r.Condition is not null).ToList();
        var conditions = checkedRules.Select(r => r.Condition!)
            .Concat(policy.AppliesWhen is null ? [] : [policy.AppliesWhen])
            .Concat(policy.Requirements.Select(r => r.Condition))
            .ToList();
        compiler.ShareRepeatedConditions(conditions);
        var domainChecks = policy.Fields.SelectMany(f => new[] { f.Min, f.Max }.Where(bound => bound is not null).Select(_ => f));
        var bandChecks = bands is not null ? [policy.Bands!.On!, policy.Bands!.On!] : Array.Empty<FieldDefinition>();
        compiler.FilterDecimalComparisons(conditions, domainChecks.Concat(bandChecks));
        locals.AddRange(compiler.ApproxLocals);

        // Bind: every field into a local, checked against its declared domain; anything off goes to the general path.
        foreach (var field in policy.Fields)
        {
            var read = TypedReadOf(type, field, pass)!;
            var value = Variable(read.ValueType, field.Name);
            locals.Add(value);
            values[field] = value;
            if (read.Absent is { } unset)
            {
                binding.Add(Assign(unset, Constant(false)));
            }

            var whole = read.Whole is null ? null : Variable(typeof(long), field.Name + "Whole");
            if (whole is not null)
            {
                locals.Add(whole);
                wholes[field] = whole;
            }

            var approx = compiler.ApproxOf(field);

            // The value's twins (its long, its double) follow it, whichever way it came.
            var twins = new List<Expression>();
            if (whole is not null)
            {
                twins.Add(Assign(whole, read.Whole!(typed, value)));
            }

            if (approx is not null)
            {
                twins.Add(Assign(approx, DecimalFilter.Approximate(value)));
            }

            var valid = read.Valid(value, whole, approx);
            if (read.Absent is { } absent)
            {
                // Absent or of another CLR type: the general path reports it (or converts it, as it does doubles).
                locals.Add(absent);
                valid = valid is null ? Not(absent) : AndAlso(Not(absent), valid);
            }

            var check = valid is null ? null : IfThen(Not(valid), Return(returnLabel, Constant(Fallback)));
            if (read.Raw is null && read.Absent is null && check is null && twins.Count == 0 && read.ValueType == typeof(bool))
            {
                // A flag that is always there and has nothing to check is read where a rule tests it, not into a local
                // first: the loan's 18 flags were each loaded, stored to the stack and loaded again (issue 25, session 14).
                locals.Remove(value);
                values[field] = read.Read(typed);
                continue;
            }

            if (read.Raw is not { } raw)
            {
                binding.Add(Assign(value, read.Read(typed)));
                binding.AddRange(twins);
                if (check is not null)
                {
                    binding.Add(check);
                }

                continue;
            }

            // A property that may be null: absent, it takes the field's whenMissing substitute unchecked, as the
            // binder writes it; without one (a required field) the general path reports it.
            var rawLocal = Variable(raw.RawType, field.Name + "Raw");
            locals.Add(rawLocal);
            binding.Add(Assign(rawLocal, raw.ReadRaw(typed)));
            var present = new List<Expression> { Assign(value, raw.Value(rawLocal)) };
            present.AddRange(twins);
            if (check is not null)
            {
                present.Add(check);
            }

            Expression whenAbsent = field.WhenMissing is { } substitute
                ? Block(typeof(void), [Assign(value, SubstituteOf(substitute, read.ValueType)), .. twins])
                : Return(returnLabel, Constant(Fallback));
            binding.Add(IfThenElse(raw.IsNull(rawLocal), whenAbsent, Block(typeof(void), present)));
        }

        // The checks and rules run in the compiler's block (shared conditions reset, filtered fields converted) after
        // binding. A failing check (or one whose arithmetic fails) sends the fact to the general path, which reports it
        // with the author's message.
        var body = new List<Expression>();
        foreach (var requirement in policy.Requirements)
        {
            body.Add(IfThen(Not(compiler.Compile(requirement.Condition)), Return(returnLabel, Constant(Fallback))));
        }

        // With formulas, a deciding code goes to 'decided' (code set), where the outputs are made; without, it returns.
        var makesOutputs = outputs is not null;
        var code = Variable(typeof(int), "code");
        var decided = Label("decided");
        if (makesOutputs)
        {
            locals.Add(code);
        }

        Expression Decide(Expression result) => makesOutputs ? Block(Assign(code, result), Goto(decided)) : Return(returnLabel, result);

        if (policy.AppliesWhen is { } appliesWhen)
        {
            body.Add(IfThen(Not(compiler.Compile(appliesWhen)), Return(returnLabel, Constant(RuleKernels.OutOfScope))));
        }

        var firedField = FieldOf<TypedResult>(result, nameof(TypedResult.Fired));
        if (policy.Bands?.On is { } bandedField)
        {
            // Whether the rows are searched or checked one by one (overlapping rows), 'below' needs the value.
            body.Add(Assign(FieldOf<TypedResult>(result, nameof(TypedResult.Banded)), values[bandedField]));
        }

        if (bands is not null)
        {
            var on = (ParameterExpression)values[policy.Bands!.On!]; // a number, so bound to a local
            var index = Variable(typeof(int), "band");
            locals.Add(index);
            // Under every band is the 'below' grade, told apart from no band here, where the value's double is at hand:
            // the resolver would compare the decimal again (the AUM workload: 15% of customers; issue 25, session 14).
            var below = resolver.HasBelow && !makesOutputs ? Below : -1;
            body.Add(Assign(index, bands.Compile(on, compiler.ApproxOf(policy.Bands!.On!), below)));
            body.Add(IfThen(GreaterThanOrEqual(index, Constant(0)), Assign(firedField, LeftShift(Constant(1UL), index))));
            body.Add(Decide(index));
        }
        else
        {
            if (policy.HitPolicy == HitPolicy.First)
            {
                foreach (var rule in checkedRules)
                {
                    var fire = Block(OrAssign(fired, Constant(1UL << rule.Index)), Assign(firedField, fired), Decide(Constant(rule.Index)));
                    body.Add(IfThen(compiler.Compile(rule.Condition!), fire));
                }
            }
            else
            {
                // Every rule is checked: each gives its bit or 0, and the bits are or-ed pairwise, so no rule waits for
                // the one before it (a chain of 'if (rule) fired |= bit' is one long dependency).
                var bits = checkedRules.Select(rule => (Expression)Condition(compiler.Compile(rule.Condition!), Constant(1UL << rule.Index), Constant(0UL))).ToList();
                body.Add(Assign(fired, OrPairwise(bits, 0, bits.Count)));
            }

            body.Add(Assign(firedField, fired));
            if (makesOutputs)
            {
                body.Add(Assign(code, Constant(-1)));
            }
        }

        if (makesOutputs)
        {
            body.Add(Label(decided));
            body.Add(MakeOutputs(policy, outputs!, resolver, compiler, result, code));
            body.Add(Return(returnLabel, code));
        }

        binding.Add(compiler.Block(Block(typeof(void), body)));
        binding.Add(Label(returnLabel, Constant(-1)));
        var lambda = Lambda<TypedKernelRun>(Block(typeof(int), locals, binding), fact, result);
        return new TypedKernel(type, lambda.Compile(), ThrowingNodes.In(lambda)) { HasOutputs = makesOutputs };
    }

    /// <summary>
    /// After the rules: resolves the hit policy as <see cref="HitPolicyResolver.ResolveTyped"/> does for the decision,
    /// and when it classifies, makes the computed values of the deciding rule (or of the grade, when none decided) into
    /// <see cref="TypedResult.Computed"/>, over the kernel's locals.
    /// </summary>
    private static Expression MakeOutputs(PolicyDefinition policy, ComputedOutputs outputs, HitPolicyResolver resolver, ExpressionCompiler compiler, ParameterExpression result, ParameterExpression code)
    {
        var computed = FieldOf<TypedResult>(result, nameof(TypedResult.Computed));
        var deciding = FieldOf<TypedResult>(result, nameof(TypedResult.Deciding));
        var grade = FieldOf<TypedResult>(result, nameof(TypedResult.Grade));
        var none = Constant(null, typeof(ComputedValues));

        var byGrade = Enumerable.Range(0, policy.Grades.Length)
            .Select(g => outputs.Make(compiler, -1, g) is { } made ? SwitchCase(made, Constant(g)) : null)
            .OfType<SwitchCase>()
            .ToArray();
        Expression ofGrade = byGrade.Length == 0 ? none : Switch(grade, none, byGrade);
        var resolve = Call(typeof(TypedKernel).GetMethod(nameof(Resolve), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!, Constant(resolver), result, code);
        var graded = policy.Rules.All(r => r.Grade is not null);
        if (!graded || policy.HitPolicy is not (HitPolicy.Unique or HitPolicy.First))
        {
            var byRule = policy.Rules
                .Select(r => outputs.Make(compiler, r.Index, -1) is { } made ? SwitchCase(made, Constant(r.Index)) : null)
                .OfType<SwitchCase>()
                .ToArray();
            // A rule that decided without a plan has no formula to apply (its plain outputs may override its grade's), as
            // ComputedOutputs.Evaluate: the grade's formulas apply only when no rule decided.
            var ofDecision = Condition(GreaterThanOrEqual(deciding, Constant(0)), byRule.Length == 0 ? none : Switch(deciding, none, byRule), ofGrade);
            return IfThen(resolve, Assign(computed, ofDecision));
        }

        // Under unique (one rule fired) and first (the code) the deciding rule is known here, and with it, every rule
        // having a grade, the decision's grade: each rule's case sets both as constants and makes its outputs, with no
        // call. Anything else (no rule fired: the default; several under unique: a conflict) goes through the resolver,
        // as it does for HitPolicyResolver.ResolveTyped, and then only a grade's formulas can apply.
        var fired = FieldOf<TypedResult>(result, nameof(TypedResult.Fired));
        var picked = Variable(typeof(int), "picked");
        Expression pick = policy.HitPolicy == HitPolicy.First
            ? code
            : Condition(
                AndAlso(NotEqual(fired, Constant(0UL)), Equal(And(fired, Subtract(fired, Constant(1UL))), Constant(0UL))),
                Call(TrailingZeros, fired),
                Constant(-1));
        var cases = policy.Rules.Select(r => SwitchCase(
            Block(
                typeof(void),
                Assign(grade, Constant(r.Grade!.Value)),
                Assign(deciding, Constant(r.Index)),
                Assign(computed, outputs.Make(compiler, r.Index, -1) ?? none)),
            Constant(r.Index))).ToArray();
        var general = IfThen(resolve, Assign(computed, ofGrade));
        return Block([picked], Assign(picked, pick), cases.Length == 0 ? general : Switch(typeof(void), picked, general, null, cases));
    }

    /// <summary>The or of <paramref name="count"/> of <paramref name="bits"/> from <paramref name="from"/>, as a balanced tree (0 for none).</summary>
    private static Expression OrPairwise(List<Expression> bits, int from, int count) => count switch
    {
        0 => Constant(0UL),
        1 => bits[from],
        _ => Or(OrPairwise(bits, from, count / 2), OrPairwise(bits, from + (count / 2), count - (count / 2))),
    };

    private static readonly System.Reflection.MethodInfo TrailingZeros = typeof(System.Numerics.BitOperations).GetMethod(nameof(System.Numerics.BitOperations.TrailingZeroCount), [typeof(ulong)])!;

    /// <summary>
    /// Resolves the kernel's fired rules into <paramref name="result"/>'s grade and deciding rule; false when the
    /// general path must decide (no match, conflict).
    /// </summary>
    private static bool Resolve(HitPolicyResolver resolver, ref TypedResult result, int first)
    {
        if (resolver.ResolveTyped(result.Fired, first, result.Banded) is not { } resolution)
        {
            return false;
        }

        result.Grade = resolution.Grade;
        result.Deciding = resolution.Deciding;
        return true;
    }

    /// <summary>A field's <c>whenMissing</c> substitute as the kernel's local holds it: a number, a flag or an ordinal.</summary>
    private static ConstantExpression SubstituteOf(RuntimeValue substitute, Type valueType) =>
        valueType == typeof(decimal) ? Constant(substitute.Number)
        : valueType == typeof(bool) ? Constant(substitute.Boolean)
        : Constant(substitute.Ordinal);
}

/// <summary>Finds, in a kernel's expression tree, a node that may throw: arithmetic, a checked conversion, a call.</summary>
internal sealed class ThrowingNodes : ExpressionVisitor
{
    private static readonly System.Reflection.MethodInfo Approximate = typeof(DecimalFilter).GetMethod(nameof(DecimalFilter.ToApprox))!;

    private bool _found;

    /// <summary>Whether <paramref name="expression"/> holds a node that may throw.</summary>
    public static bool In(Expression expression)
    {
        var finder = new ThrowingNodes();
        finder.Visit(expression);
        return finder._found;
    }

    public override Expression? Visit(Expression? node)
    {
        if (_found || node is null)
        {
            return node;
        }

        _found = node.NodeType switch
        {
            ExpressionType.Add or ExpressionType.AddChecked or ExpressionType.Subtract or ExpressionType.SubtractChecked
                or ExpressionType.Multiply or ExpressionType.MultiplyChecked or ExpressionType.Divide or ExpressionType.Modulo
                or ExpressionType.Negate or ExpressionType.NegateChecked or ExpressionType.ConvertChecked
                or ExpressionType.Invoke or ExpressionType.Dynamic or ExpressionType.New or ExpressionType.NewArrayBounds => true,
            ExpressionType.Call => ((MethodCallExpression)node).Method is var method && method != Approximate && method != BandLookup.FindByDoubleMethod,
            _ => false,
        };

        return base.Visit(node);
    }
}
