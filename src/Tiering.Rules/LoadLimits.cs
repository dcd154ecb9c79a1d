namespace Tiering.Rules;

/// <summary>
/// Bounds on what one load accepts, so that a hostile or mistaken policy file cannot exhaust the host.
/// Immutable; <see cref="Default"/> suits every shipped policy with a wide margin. Every limit must be positive: setting
/// one to zero or less (in an object initializer or a <c>with</c> expression) throws, so a set of limits is always valid.
/// </summary>
/// <example>
/// <code>
/// var limits = LoadLimits.Default with { MaxRules = 5000 };
/// </code>
/// </example>
public sealed record LoadLimits
{
    private readonly int _maxFileBytes = 1 << 20;
    private readonly int _maxNestingDepth = 16;
    private readonly int _maxRules = 1000;
    private readonly int _maxFields = 256;
    private readonly int _maxExpressionLength = 2000;
    private readonly int _maxExpressionDepth = 32;
    private readonly int _maxIdentifierLength = 256;
    private readonly long _maxAnalysisSteps = 100_000;

    /// <summary>The limits used when none are given.</summary>
    public static LoadLimits Default { get; } = new();

    /// <summary>Largest policy file, in UTF-8 bytes.</summary>
    /// <value>Defaults to 1 MiB.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public int MaxFileBytes
    {
        get => _maxFileBytes;
        init => _maxFileBytes = Positive(value, nameof(MaxFileBytes));
    }

    /// <summary>Deepest YAML nesting of mappings and lists.</summary>
    /// <value>Defaults to 16.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public int MaxNestingDepth
    {
        get => _maxNestingDepth;
        init => _maxNestingDepth = Positive(value, nameof(MaxNestingDepth));
    }

    /// <summary>Most rules (or band rows, or score items) in one policy.</summary>
    /// <value>Defaults to 1000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public int MaxRules
    {
        get => _maxRules;
        init => _maxRules = Positive(value, nameof(MaxRules));
    }

    /// <summary>Most declared fields in one policy.</summary>
    /// <value>Defaults to 256.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public int MaxFields
    {
        get => _maxFields;
        init => _maxFields = Positive(value, nameof(MaxFields));
    }

    /// <summary>Longest expression, in characters.</summary>
    /// <value>Defaults to 2000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public int MaxExpressionLength
    {
        get => _maxExpressionLength;
        init => _maxExpressionLength = Positive(value, nameof(MaxExpressionLength));
    }

    /// <summary>Deepest nesting of one expression (parentheses, operators, calls).</summary>
    /// <value>Defaults to 32.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public int MaxExpressionDepth
    {
        get => _maxExpressionDepth;
        init => _maxExpressionDepth = Positive(value, nameof(MaxExpressionDepth));
    }

    /// <summary>
    /// Longest name a policy declares or refers to: policy, grade and rule ids, field names, enum values. A longer one is
    /// an error at its position (TR3022), and no "did you mean" is computed for it.
    /// </summary>
    /// <value>Defaults to 256.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public int MaxIdentifierLength
    {
        get => _maxIdentifierLength;
        init => _maxIdentifierLength = Positive(value, nameof(MaxIdentifierLength));
    }

    /// <summary>
    /// Most work the static analysis of one policy may do, in steps (one step is one operation on two of the boxes a
    /// condition is analysed as). The masking, overlap and gap checks grow with the square of the rules and more; when
    /// the budget runs out the analysis stops and says so (warning TR4012, which <c>accept:</c> can acknowledge), so no
    /// policy can make a load or a reload slow.
    /// </summary>
    /// <value>Defaults to 100,000: about half a second of analysis at most; the shipped policies need 125 at most.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value set is zero or negative.</exception>
    public long MaxAnalysisSteps
    {
        get => _maxAnalysisSteps;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(MaxAnalysisSteps));
            _maxAnalysisSteps = value;
        }
    }

    /// <summary>The value, when it is positive; the exception names the limit (the property) that was set.</summary>
    private static int Positive(int value, string limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, limit);
        return value;
    }
}
