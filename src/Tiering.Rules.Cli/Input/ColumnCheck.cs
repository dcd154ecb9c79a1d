using Tiering.Rules.Text;

namespace Tiering.Rules.Cli.Input;

/// <summary>
/// Holds the columns of an input (a CSV header, the keys of the first JSON line) to the fields it is read for: a field
/// the policy needs and the input lacks is a whole-run mistake (with "did you mean" from the columns nobody expects);
/// a column nobody expects is a warning unless <c>--id-field</c> or <c>--ignore-columns</c> names it.
/// </summary>
internal static class ColumnCheck
{
    /// <summary>Checks a CSV header: every required field must be a column.</summary>
    /// <exception cref="InputException">A required field or the id column is missing.</exception>
    public static void Header(IReadOnlyList<string> columns, RecordReaderOptions options)
    {
        var (missing, unknown) = Compare(columns, options);
        if (options.IdField is { } id && !columns.Contains(id, StringComparer.Ordinal))
        {
            throw new InputException($"line 1: the header has no column '{id}' (--id-field){Suggestions.DidYouMean(id, unknown)}; it has: {string.Join(", ", columns)}");
        }

        if (missing.Count > 0)
        {
            throw new InputException($"line 1: the header lacks {Describe(missing, unknown, "column")} that {options.FieldsOwner} needs; it has: {string.Join(", ", columns)}");
        }

        WarnUnknown(unknown, options, "column");
    }

    /// <summary>
    /// Checks the keys of the first JSON line: a missing field is the record's own problem, unless a key nobody expects
    /// is a near miss of it (<c>overdueDay</c> for <c>overdueDays</c>), which would make every record invalid.
    /// </summary>
    /// <exception cref="InputException">A required field is missing and a near miss of it is present.</exception>
    public static void FirstRecord(long line, IReadOnlyList<string> keys, RecordReaderOptions options)
    {
        var (missing, unknown) = Compare(keys, options);
        var misspelled = missing.Where(m => Suggestions.Closest(m, unknown) is not null).ToList();
        if (misspelled.Count > 0)
        {
            throw new InputException($"line {line}: the first record lacks {Describe(misspelled, unknown, "key")} that {options.FieldsOwner} needs");
        }

        WarnUnknown(unknown, options, "key");
    }

    /// <summary>Warns once about keys of later JSON lines nobody expects.</summary>
    public static void LaterKey(long line, string key, RecordReaderOptions options) =>
        options.Warn($"warning: line {line}: key '{key}' is not a field of {options.FieldsOwner} and is ignored{Suggestions.DidYouMean(key, options.Fields.Select(f => f.Name))} (name it in --ignore-columns to say it is expected)");

    /// <summary>Whether a column is expected without being a field.</summary>
    public static bool IsExpected(string column, RecordReaderOptions options) =>
        column == options.IdField || options.IgnoredColumns.Contains(column) || options.KeepColumns.Contains(column);

    private static (List<string> Missing, List<string> Unknown) Compare(IReadOnlyList<string> columns, RecordReaderOptions options)
    {
        var present = columns.ToHashSet(StringComparer.Ordinal);
        var fields = options.Fields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var missing = options.Fields.Where(f => !f.Optional && !present.Contains(f.Name)).Select(f => f.Name).ToList();
        var unknown = columns.Where(c => !fields.Contains(c) && !IsExpected(c, options)).ToList();
        return (missing, unknown);
    }

    private static string Describe(List<string> missing, List<string> unknown, string noun)
    {
        var names = missing.Select(m => $"'{m}'" + (Suggestions.Closest(m, unknown) is { } near ? $" (found '{near}': did you mean '{m}'?)" : string.Empty));
        return $"{noun}{(missing.Count == 1 ? string.Empty : "s")} {string.Join(", ", names)}";
    }

    private static void WarnUnknown(List<string> unknown, RecordReaderOptions options, string noun)
    {
        if (unknown.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", unknown.Select(u => u.Length == 0 ? "(unnamed)" : $"'{u}'"));
        var verb = unknown.Count == 1 ? "is not a field" : "are not fields";
        options.Warn($"warning: {noun}{(unknown.Count == 1 ? string.Empty : "s")} {names} {verb} of {options.FieldsOwner} and {(unknown.Count == 1 ? "is" : "are")} ignored (name {(unknown.Count == 1 ? "it" : "them")} in --ignore-columns to say {(unknown.Count == 1 ? "it is" : "they are")} expected)");
    }
}
