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
/// Built only for policies it can decide completely — every field a required number or flag read from a property of
/// a matching CLR type, no chained decisions, no scorecard, at most 64 rules; anything else (and any fact that is not
/// plainly valid) goes through the general path, which gives the same decision with its errors.
/// </summary>
internal sealed class TypedKernel
{
    /// <summary>Result code: let the general path decide this fact.</summary>
    public const int Fallback = -10;

    private TypedKernel(Type type, TypedKernelRun run, bool mayThrow)
    {
        Type = type;
        Run = run;
        MayThrow = mayThrow;
    }

    public Type Type { get; }

    public TypedKernelRun Run { get; }

    /// <summary>
    /// Whether <see cref="Run"/> may throw an <see cref="ArithmeticException"/> (it does arithmetic or calls a function),
    /// so a caller must catch it and let the general path report it; a kernel of comparisons and flags cannot, and is
    /// called without the handler (a method with one is not inlined, which cost about a nanosecond a decision).
    /// </summary>
    public bool MayThrow { get; }

    /// <summary>Whether a typed kernel can decide <paramref name="policy"/> for facts of <paramref name="type"/>.</summary>
    public static bool CanBuild(PolicyDefinition policy, Type type) =>
        policy.DecisionRefs.IsEmpty
        && !policy.HasPerFactExtras()
        && policy.Group is null // a group policy's rules read aggregates, which no fact carries
        && policy.HitPolicy != HitPolicy.Scorecard
        && policy.Rules.Length <= 64
        && policy.Fields.All(f => !f.Optional && TypedReadOf(type, f) is not null);

    /// <summary>How a kernel for facts of <paramref name="type"/> reads a field: from a string-keyed dictionary by key, else from a property.</summary>
    private static PocoBinder.TypedFieldRead? TypedReadOf(Type type, FieldDefinition field) =>
        type == DictionaryReads.Type ? DictionaryReads.TypedRead(field) : PocoBinder.TypedRead(type, field);

    /// <summary>Builds the kernel, or returns null when <see cref="CanBuild"/> is false.</summary>
    public static TypedKernel? TryBuild(PolicyDefinition policy, BandLookup? bands, Type type)
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
        var values = new Dictionary<FieldDefinition, ParameterExpression>();
        var wholes = new Dictionary<FieldDefinition, ParameterExpression>();
        var returnLabel = Label(typeof(int), "done");
        var binding = new List<Expression> { Assign(typed, Convert(fact, type)), Assign(fired, Constant(0UL)) };

        var compiler = new ExpressionCompiler(f => values[f], f => wholes[f]);
        var checkedRules = bands is not null
            ? []
            : policy.Rules.Where(r => r.Kind != RuleKind.GradingBand && r.Condition is not null).ToList();
        var conditions = checkedRules.Select(r => r.Condition!).Concat(policy.AppliesWhen is null ? [] : [policy.AppliesWhen]).ToList();
        compiler.ShareRepeatedConditions(conditions);
        var domainChecks = policy.Fields.SelectMany(f => new[] { f.Min, f.Max }.Where(bound => bound is not null).Select(_ => f));
        var bandChecks = bands is not null ? [policy.Bands!.On!, policy.Bands!.On!] : Array.Empty<FieldDefinition>();
        compiler.FilterDecimalComparisons(conditions, domainChecks.Concat(bandChecks));
        locals.AddRange(compiler.ApproxLocals);

        // Bind: every field into a local, checked against its declared domain; anything off goes to the general path.
        foreach (var field in policy.Fields)
        {
            var read = TypedReadOf(type, field)!;
            var value = Variable(read.ValueType, field.Name);
            locals.Add(value);
            values[field] = value;
            if (read.Absent is { } unset)
            {
                binding.Add(Assign(unset, Constant(false)));
            }

            binding.Add(Assign(value, read.Read(typed)));
            if (read.Whole is { } whole)
            {
                var w = Variable(typeof(long), field.Name + "Whole");
                locals.Add(w);
                wholes[field] = w;
                binding.Add(Assign(w, whole(typed, value)));
            }

            var approx = compiler.ApproxOf(field);
            if (approx is not null)
            {
                binding.Add(Assign(approx, DecimalFilter.Approximate(value)));
            }

            var valid = read.Valid(value, wholes.GetValueOrDefault(field), approx);
            if (read.Absent is { } absent)
            {
                // Absent or of another CLR type: the general path reports it (or converts it, as it does doubles).
                locals.Add(absent);
                valid = valid is null ? Not(absent) : AndAlso(Not(absent), valid);
            }

            if (valid is not null)
            {
                binding.Add(IfThen(Not(valid), Return(returnLabel, Constant(Fallback))));
            }
        }

        // The rules run in the compiler's block (shared conditions reset, filtered fields converted) after binding.
        var body = new List<Expression>();

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
            var on = values[policy.Bands!.On!];
            var index = Variable(typeof(int), "band");
            locals.Add(index);
            body.Add(Assign(index, bands.Compile(on, compiler.ApproxOf(policy.Bands!.On!))));
            body.Add(IfThen(GreaterThanOrEqual(index, Constant(0)), Assign(firedField, LeftShift(Constant(1UL), index))));
            body.Add(Return(returnLabel, index));
        }

        foreach (var rule in checkedRules)
        {
            Expression fire = OrAssign(fired, Constant(1UL << rule.Index));
            if (policy.HitPolicy == HitPolicy.First)
            {
                fire = Block(fire, Assign(firedField, fired), Return(returnLabel, Constant(rule.Index)));
            }

            body.Add(IfThen(compiler.Compile(rule.Condition!), fire));
        }

        body.Add(Assign(firedField, fired));
        binding.Add(compiler.Block(Block(typeof(void), body)));
        binding.Add(Label(returnLabel, Constant(-1)));
        var lambda = Lambda<TypedKernelRun>(Block(typeof(int), locals, binding), fact, result);
        return new TypedKernel(type, lambda.Compile(), ThrowingNodes.In(lambda));
    }
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
            ExpressionType.Call => ((MethodCallExpression)node).Method != Approximate,
            _ => false,
        };

        return base.Visit(node);
    }
}
