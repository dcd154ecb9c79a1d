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
}
