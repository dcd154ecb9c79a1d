namespace Tiering.Rules;

/// <summary>The declared type of a fact field.</summary>
public enum FieldType
{
    /// <summary>A decimal number (money, rates).</summary>
    Decimal,

    /// <summary>A whole number (days, counts).</summary>
    Integer,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Free text.</summary>
    String,

    /// <summary>One of a declared list of text values.</summary>
    Enum,

    /// <summary>A calendar date (yyyy-mm-dd).</summary>
    Date,

    /// <summary>
    /// An instant with the offset it was written at: ISO 8601 with <c>Z</c> or <c>±hh:mm</c>
    /// (<c>2024-03-01T08:30:00+08:00</c>), or a <see cref="DateTimeOffset"/>; text without an offset is not one.
    /// </summary>
    DateTime,
}
