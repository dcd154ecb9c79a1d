using Tiering.Rules.Diagnostics;
using Tiering.Rules.Text;

namespace Tiering.Rules.Analysis;

/// <summary>
/// One finding of a check, before acceptance: what (a descriptor and its message arguments), where, the rules involved
/// (an <c>accept:</c> on any of them applies) and the witness. <see cref="AcceptanceResolver"/> turns it into a
/// <see cref="Diagnostic"/>.
/// </summary>
internal sealed record Finding(DiagnosticDescriptor Descriptor, SourceSpan Span, string[] Rules, object?[] Args, Dictionary<string, object?>? Witness);
