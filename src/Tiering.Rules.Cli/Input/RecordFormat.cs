namespace Tiering.Rules.Cli.Input;

/// <summary>The input formats a <see cref="RecordReader"/> reads.</summary>
internal enum RecordFormat
{
    /// <summary>RFC 4180 CSV with a header row.</summary>
    Csv,

    /// <summary>One JSON object per line.</summary>
    JsonLines,
}
