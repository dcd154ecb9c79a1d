using Tiering.Rules.Diagnostics;

namespace Tiering.Rules.Expressions;

/// <summary>
/// An error inside an expression, at a 0-based offset and length in its text: an entry of the message table and the
/// values for its template. The model turns it into a positioned <see cref="Diagnostic"/>.
/// </summary>
internal sealed class ExpressionError(int offset, int length, DiagnosticDescriptor descriptor, params object?[] arguments)
{
    public int Offset { get; } = offset;

    public int Length { get; } = length;

    public DiagnosticDescriptor Descriptor { get; } = descriptor;

    public object?[] Arguments { get; } = arguments;

    /// <inheritdoc />
    public override string ToString() => $"{Offset}: {Descriptor.Code}: {Descriptor.Render(Arguments)}";
}
