namespace Tiering.Rules;

/// <summary>
/// Where a batch hands its decisions: into the caller's span of results, or to the caller's callback. A struct type
/// argument, so the one deciding loop (<see cref="PolicyEvaluator.DecidePlainRun"/>) is compiled for each with the
/// hand-over inlined.
/// </summary>
internal interface IBatchTarget
{
    /// <summary>Hands over the decision of the fact at <paramref name="index"/>.</summary>
    void Put(Span<Decision> results, int index, Decision decision);
}

/// <summary>Writes each decision into the results span, at its fact's index.</summary>
internal readonly struct IntoResults : IBatchTarget
{
    public void Put(Span<Decision> results, int index, Decision decision) => results[index] = decision;
}

/// <summary>Calls the host's callback with each fact's index and decision, as it is made (the results span is unused).</summary>
internal readonly struct ToCallback(Action<int, Decision> onDecision) : IBatchTarget
{
    public void Put(Span<Decision> results, int index, Decision decision) => onDecision(index, decision);
}
