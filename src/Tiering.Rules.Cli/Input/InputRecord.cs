namespace Tiering.Rules.Cli.Input;

/// <summary>
/// One record of the input, as read: its fact (the policy's fields by name, typed: decimal, bool or text; a missing
/// or empty value is absent), the id asked for with <c>--id-field</c>, and what made it unreadable. A record with
/// <see cref="Errors"/> is written as <c>invalid</c> naming each field (or <c>(input)</c> for the record as a whole)
/// and is never decided. <see cref="Line"/> is the 1-based line the record starts on.
/// </summary>
internal sealed record InputRecord(long Line, IReadOnlyDictionary<string, object?> Fact, string? Id, IReadOnlyList<InputError> Errors)
{
    /// <summary>Whether the record can be decided (it has no reading errors).</summary>
    public bool IsReadable => Errors.Count == 0;
}

/// <summary>A reading error of one record: the field (column or key) it is about, or <c>(input)</c>, and what is wrong.</summary>
internal readonly record struct InputError(string Field, string Message)
{
    /// <summary>The field name used for an error about the record as a whole.</summary>
    public const string WholeRecord = "(input)";
}
