namespace Tiering.Rules.Analysis;

/// <summary>
/// How much work one policy's analysis may do, counted in steps: one step is one operation on two boxes (an
/// intersection, or cutting one box by another). Masking, overlap and gap checks compare rules pairwise and cut regions
/// into boxes, so their work grows with the square of the rules and worse; the budget makes a load's cost bounded
/// whatever the policy. When it runs out, the operation in progress gives up (as one whose result grows too large does)
/// and the analysis says it is incomplete (TR4012) instead of running on. Deterministic: the same policy spends the
/// same steps. Not thread-safe (one per analysis).
/// </summary>
internal sealed class AnalysisBudget(long steps)
{
    private long _remaining = steps;

    /// <summary>The steps this analysis was given.</summary>
    public long Steps { get; } = steps;

    /// <summary>Whether some operation was refused a step.</summary>
    public bool Exhausted { get; private set; }

    /// <summary>Takes one step; false (and from then on always false) when none is left.</summary>
    /// <returns>True when the step may be taken.</returns>
    public bool Spend()
    {
        if (_remaining <= 0)
        {
            Exhausted = true;
            return false;
        }

        _remaining--;
        return true;
    }
}
