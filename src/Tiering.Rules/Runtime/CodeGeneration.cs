using System.Diagnostics.CodeAnalysis;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Tiering.Rules.Runtime;

/// <summary>
/// Whether the engine generates code, and the trimming-safe way its expression trees name the engine's own fields.
/// </summary>
/// <remarks>
/// Generated code is an optimisation over the closures every policy starts with: the compiled tier
/// (<c>PolicySet.Prepare</c>), typed kernels and compiled POCO binders. Under Native AOT there is no JIT,
/// and an expression tree would only be interpreted, more slowly than the closures; so there none of them is built:
/// every decision is made by the closures, and POCO facts are read through typed getter delegates
/// (<c>Facts.DelegateBinder</c>) or, passed as <c>object</c>, by reflection, with the same results.
/// <see cref="RuntimeFeature.IsDynamicCodeCompiled"/> is a constant for the AOT compiler, which then drops the code
/// generators from the image.
/// </remarks>
internal static class CodeGeneration
{
    /// <summary>True when generated code would run compiled (a JIT host), false under Native AOT.</summary>
    public static bool IsAvailable => RuntimeFeature.IsDynamicCodeCompiled;

    /// <summary>
    /// <c>Expression.Field</c> for one of the engine's own public fields, found on <typeparamref name="T"/> so that
    /// trimming keeps it (the by-name overload of <see cref="Expression.Field(Expression, string)"/> cannot promise that).
    /// </summary>
    public static MemberExpression FieldOf<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicFields)] T>(Expression instance, string name) =>
        Expression.Field(instance, typeof(T).GetField(name) ?? throw new MissingFieldException(typeof(T).Name, name));
}
