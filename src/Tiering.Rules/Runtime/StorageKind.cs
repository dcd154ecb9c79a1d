namespace Tiering.Rules.Runtime;

/// <summary>Which of a <see cref="Frame"/>'s typed arrays holds a field's value.</summary>
internal enum StorageKind
{
    /// <summary>decimal: numbers, and dates as their day number.</summary>
    Number,

    /// <summary>bool: flags.</summary>
    Boolean,

    /// <summary>string: free text.</summary>
    Text,

    /// <summary>int: the index of an enum value or grade.</summary>
    Ordinal,
}
