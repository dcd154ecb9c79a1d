namespace Tiering.Rules.Impact;

/// <summary>How a <see cref="PolicyImpact"/> comparison counts and what it keeps.</summary>
public sealed class PolicyImpactOptions
{
    private int _examples = 5;

    /// <summary>The most example records kept per changed cell of the migration matrix.</summary>
    /// <value>5. Zero keeps none. Memory grows with this number, never with the input.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to a negative number.</exception>
    public int Examples
    {
        get => _examples;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(Examples));
            _examples = value;
        }
    }

    /// <summary>
    /// A field of each fact whose number is summed per cell and per rule (for example a loan's <c>balance</c>), as an
    /// exact decimal. It need not be a field of either policy. A fact without it, or with a value that is not an exact
    /// number, is still counted in the matrix and is counted in <see cref="PolicyImpactResult.WeightMissing"/>.
    /// </summary>
    /// <value>Null: no weights.</value>
    public string? WeightField { get; init; }
}
