using Tiering.Rules.Text;

namespace Tiering.Rules;

/// <summary>
/// A policy file of a load that the engine's fast reader for the common subset of YAML left to the full YAML parser
/// (YamlDotNet), with where and why it gave up: the first thing it met outside the subset (an anchor, a tab, a
/// multi-line scalar, a YAML error…). Nothing is wrong with such a file for that alone; it costs a process's first
/// load some milliseconds more, since the full parser must be compiled. <c>tiering validate --verbose</c> lists them.
/// Immutable.
/// </summary>
public sealed class YamlReaderFallback
{
    internal YamlReaderFallback(SourceSpan span, string reason)
    {
        Span = span;
        Reason = reason;
    }

    /// <summary>The file, and the position where the subset reader gave up (line 1, column 1 when it was switched off).</summary>
    public SourceSpan Span { get; }

    /// <summary>Why the subset reader gave up, in words, for example <c>an anchor (&amp;)</c>.</summary>
    public string Reason { get; }

    /// <summary>The fallback as <c>path:line:col: reason</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Span}: {Reason}";
}
