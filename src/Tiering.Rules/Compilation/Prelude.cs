using System.Linq.Expressions;
using Tiering.Rules.Model;
using Tiering.Rules.Runtime;

namespace Tiering.Rules.Compilation;

/// <summary>
/// What runs on a bound, valid frame before the rules (after the decisions it reads are written): the as-of date into
/// the <c>asOf</c> pseudo-field, each derived value (<c>let:</c>) in order into its slot, then the cross-field checks
/// (<c>require:</c>), whose failures become field errors, so that the decision is invalid before its scope is tested.
/// Both engines call <see cref="Run"/> at the same point. Closures first; compiled expression trees once the policy's
/// kernel tiers up (<see cref="Compile"/>). Made only for policies that have any of these. Thread-safe.
/// </summary>
internal sealed class Prelude
{
    private readonly PolicyDefinition _policy;
    private readonly FrameLayout _layout;
    private Func<Frame, RuntimeValue>[] _derived;
    private Func<Frame, bool>[] _checks;

    private Prelude(PolicyDefinition policy, FrameLayout layout)
    {
        _policy = policy;
        _layout = layout;
        var closures = new ClosureCompiler(layout);
        _derived = [.. policy.Derived.Select(d => closures.Value(d.Derived!))];
        _checks = [.. policy.Requirements.Select(r => closures.Bool(r.Condition))];
    }

    /// <summary>The policy's prelude, or null when nothing runs between binding and the rules.</summary>
    public static Prelude? TryCreate(PolicyDefinition policy, FrameLayout layout) =>
        policy.HasPrelude ? new Prelude(policy, layout) : null;

    /// <summary>
    /// Fills the as-of date and the derived values of a frame whose fact is valid, then checks the requirements; a
    /// failure adds field errors to the frame (a failing check names its fields with the author's message).
    /// </summary>
    public void Run(Frame frame, DateOnly? asOf)
    {
        if (frame.Errors is not null)
        {
            return;
        }

        if (_policy.AsOfField is { } asOfField)
        {
            if (asOf is { } date)
            {
                frame.WriteNumber(asOfField, date.DayNumber);
            }
            else
            {
                frame.MarkMissing(asOfField.Index);
            }
        }

        var derived = Volatile.Read(ref _derived);
        for (var i = 0; i < derived.Length; i++)
        {
            var field = _policy.Derived[i];
            try
            {
                var value = derived[i](frame);
                if (frame.MissingRead >= 0)
                {
                    // An input is missing: so is the value; a rule that needs it names the input (CompiledPolicy).
                    frame.MissingRead = -1;
                    frame.MarkMissing(field.Index);
                }
                else
                {
                    frame.Write(field, value);
                }
            }
            catch (ArithmeticException ex)
            {
                frame.AddError(field.Name, $"computing '{field.Name}' failed: {ex.Message}", FieldErrorKind.Evaluation);
                return;
            }
        }

        var checks = Volatile.Read(ref _checks);
        for (var i = 0; i < checks.Length; i++)
        {
            Check(frame, _policy.Requirements[i], checks[i]);
        }
    }

    private void Check(Frame frame, Requirement requirement, Func<Frame, bool> check)
    {
        bool holds;
        try
        {
            holds = check(frame);
        }
        catch (ArithmeticException ex)
        {
            frame.AddError("(require)", $"checking '{requirement.Text}' failed: {ex.Message}", FieldErrorKind.Evaluation);
            return;
        }

        if (frame.MissingRead >= 0)
        {
            var missing = MissingInput(frame, _policy.AllFields[frame.MissingRead]);
            frame.MissingRead = -1;
            frame.AddError(missing.Name, MissingMessage(missing, $"the requirement '{requirement.Text}'"), missing.IsAsOf ? FieldErrorKind.AsOfDate : FieldErrorKind.NeededButMissing);
            return;
        }

        if (!holds)
        {
            foreach (var field in requirement.Fields)
            {
                frame.AddError(field.Name, requirement.Message, FieldErrorKind.Requirement);
            }

            if (requirement.Fields.Length == 0)
            {
                frame.AddError("(require)", requirement.Message, FieldErrorKind.Requirement);
            }
        }
    }

    /// <summary>
    /// The field to name when <paramref name="read"/> was missing: itself, or for a derived value the first input
    /// (through other derived values) that is missing on this frame.
    /// </summary>
    public static FieldDefinition MissingInput(Frame frame, FieldDefinition read)
    {
        if (read.Derived is not { } expr)
        {
            return read;
        }

        foreach (var input in BoundExprWalker.FieldsRead(expr))
        {
            if (frame.IsMissing(input.Index))
            {
                return MissingInput(frame, input);
            }
        }

        return read;
    }

    /// <summary>Why a missing value stops <paramref name="where"/>, for a person.</summary>
    public static string MissingMessage(FieldDefinition field, string where) =>
        field.IsAsOf ? $"{where} reads asOf, but no as-of date was given"
        : field.IsDecisionRef ? $"policy '{field.DependsOnPolicy}' gave no grade for this fact, but {where} needs {field.Name}"
        : $"'{field.Name}' is missing; it is optional, but {where} needs its value here";

    /// <summary>Replaces the closures by compiled expression trees (the kernel's tier-up calls this).</summary>
    public void Compile()
    {
        var derived = new Func<Frame, RuntimeValue>[_policy.Derived.Length];
        for (var i = 0; i < derived.Length; i++)
        {
            var frame = Expression.Parameter(typeof(Frame), "frame");
            var compiler = new ExpressionCompiler(frame, _layout);
            derived[i] = Expression.Lambda<Func<Frame, RuntimeValue>>(compiler.Block(compiler.CompileValue(_policy.Derived[i].Derived!)), frame).Compile();
        }

        var checks = new Func<Frame, bool>[_policy.Requirements.Length];
        for (var i = 0; i < checks.Length; i++)
        {
            var frame = Expression.Parameter(typeof(Frame), "frame");
            var compiler = new ExpressionCompiler(frame, _layout);
            checks[i] = Expression.Lambda<Func<Frame, bool>>(compiler.Block(compiler.Compile(_policy.Requirements[i].Condition)), frame).Compile();
        }

        Volatile.Write(ref _derived, derived);
        Volatile.Write(ref _checks, checks);
    }
}
