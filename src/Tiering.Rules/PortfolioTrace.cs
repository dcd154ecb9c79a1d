namespace Tiering.Rules;

/// <summary>
/// A group policy's run over many facts, explained for people
/// (<see cref="PolicySet.ExplainPortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/>): each group with its key, its
/// aggregates and their evidence, the members behind them (what each gave, whether it was counted, which were
/// excluded), and each decision's trace. Immutable.
/// </summary>
public sealed class PortfolioTrace
{
    private readonly string _text;

    internal PortfolioTrace(IReadOnlyList<DecisionTrace> traces, string text)
    {
        Traces = traces;
        _text = text;
    }

    /// <summary>One trace per decision, in the order <see cref="PolicySet.DecidePortfolio{TFact}(string, IEnumerable{TFact}, DateOnly?)"/> returns them.</summary>
    public IReadOnlyList<DecisionTrace> Traces { get; }

    /// <summary>The whole explanation as indented text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _text;
}
