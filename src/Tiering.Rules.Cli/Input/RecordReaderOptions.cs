namespace Tiering.Rules.Cli.Input;

/// <summary>What a <see cref="RecordReader"/> needs to know besides the bytes.</summary>
internal sealed record RecordReaderOptions
{
    /// <summary>The fields the records are read for: their names are the columns (keys) expected, their types type the cells.</summary>
    public required IReadOnlyList<PolicyFieldInfo> Fields { get; init; }

    /// <summary>Who needs the fields, for messages: <c>policy 'loan-five-category'</c>.</summary>
    public required string FieldsOwner { get; init; }

    /// <summary>The column (key) copied into each record as its id, or null.</summary>
    public string? IdField { get; init; }

    /// <summary>
    /// Columns (keys) that are not fields and are copied into each fact as given, such as impact's <c>--weight</c>: a
    /// CSV cell as text, a JSON number as a decimal (its text if no decimal holds it exactly), a JSON string as text.
    /// They are expected: no warning for them.
    /// </summary>
    public IReadOnlyCollection<string> KeepColumns { get; init; } = [];

    /// <summary>Columns (keys) that are neither fields nor the id and are expected: no warning for them.</summary>
    public IReadOnlyCollection<string> IgnoredColumns { get; init; } = [];

    /// <summary>The <c>--encoding</c> given (one of <see cref="InputEncoding.Names"/>), or null: UTF-8 unless a byte order mark says otherwise.</summary>
    public string? Encoding { get; init; }

    /// <summary>Where warnings go (an unexpected column): one line each.</summary>
    public Action<string> Warn { get; init; } = _ => { };
}
