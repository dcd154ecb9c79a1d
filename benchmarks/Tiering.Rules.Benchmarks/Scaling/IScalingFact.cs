namespace Tiering.Rules.Benchmarks;

/// <summary>A generated fact of the Scaling benchmarks: field <c>j</c> is property <c>Fj</c>, set by index.</summary>
public interface IScalingFact
{
    /// <summary>Sets field <paramref name="index"/>: a decimal as is, an integer truncated, a boolean as value ≠ 0.</summary>
    void Set(int index, decimal value);
}
