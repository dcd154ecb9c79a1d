namespace Tiering.Rules;

/// <summary>One problem with one fact field, named so the caller can fix the record. Immutable and thread-safe.</summary>
/// <remarks>
/// Errors compare by value (field, message and kind, with <c>==</c> as with <see cref="Equals(FieldError?)"/>), so the
/// errors of two decisions, for example before and after a reload, can be compared or grouped.
/// </remarks>
public sealed class FieldError : IEquatable<FieldError>
{
    /// <summary>Creates an error.</summary>
    /// <param name="field">The field name as declared in the policy.</param>
    /// <param name="message">What is wrong, for a person.</param>
    /// <param name="kind">The kind of problem.</param>
    internal FieldError(string field, string message, FieldErrorKind kind)
    {
        Field = field;
        Message = message;
        Kind = kind;
    }

    /// <summary>The field name as declared in the policy (for example <c>overdueDays</c>).</summary>
    public string Field { get; }

    /// <summary>What is wrong, for a person.</summary>
    public string Message { get; }

    /// <summary>The kind of problem.</summary>
    public FieldErrorKind Kind { get; }

    /// <summary>Whether two errors are equal (the same field, message and kind); null equals only null.</summary>
    /// <param name="left">An error, or null.</param>
    /// <param name="right">An error, or null.</param>
    /// <returns>True when both are null or both are equal errors.</returns>
    public static bool operator ==(FieldError? left, FieldError? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Whether two errors differ (in field, message or kind, or one is null).</summary>
    /// <param name="left">An error, or null.</param>
    /// <param name="right">An error, or null.</param>
    /// <returns>True when they are not equal.</returns>
    public static bool operator !=(FieldError? left, FieldError? right) => !(left == right);

    /// <summary>Whether <paramref name="other"/> has the same field, message and kind (texts compared ordinally).</summary>
    /// <param name="other">Another error, or null.</param>
    /// <returns>True when they are equal.</returns>
    public bool Equals(FieldError? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Kind == other.Kind && string.Equals(Field, other.Field, StringComparison.Ordinal) && string.Equals(Message, other.Message, StringComparison.Ordinal)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FieldError);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Field, Message, Kind);

    /// <summary>The field and the message, as the command line and the host's log show them: <c>overdueDays: required field is missing</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field}: {Message}";
}
