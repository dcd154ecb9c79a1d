namespace Tiering.Rules.Text;

/// <summary>
/// "Did you mean" hints for near misses (edit distance), used by every unknown-name diagnostic. The command line links
/// this file into its own assembly (it uses the library's public API only), so both say the same things the same way.
/// </summary>
internal static class Suggestions
{
    /// <summary>
    /// "no policy 'x' is loaded from 'dir'; did you mean 'y'? The policies are: …": the one message for an unknown policy
    /// id, for the library's exception and the command line.
    /// </summary>
    public static string UnknownPolicy(string policyId, IEnumerable<string> loadedIds, string? from)
    {
        var ids = loadedIds.Distinct().Order(StringComparer.Ordinal).ToList();
        var source = from is null ? string.Empty : $" from '{from}'";
        var hint = DidYouMean(policyId, ids);
        return $"no policy '{policyId}' is loaded{source}{hint}{(hint.Length == 0 ? "; the" : " The")} policies are: {string.Join(", ", ids)}";
    }

    /// <summary>Returns <c>; did you mean 'x'?</c> for the closest candidate, or an empty string.</summary>
    public static string DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } best ? $"; did you mean '{best}'?" : string.Empty;

    /// <summary>The longest name (and candidate) compared: a longer one is no typo a hint could fix, and comparing it costs.</summary>
    public const int MaxComparedLength = 64;

    /// <summary>The most candidates one lookup compares; the rest go unsuggested.</summary>
    public const int MaxCandidates = 1024;

    /// <summary>
    /// The candidate a person most likely meant by <paramref name="name"/>, or null. Bounded whatever the input: names
    /// longer than <see cref="MaxComparedLength"/> get no hint, at most <see cref="MaxCandidates"/> candidates are
    /// looked at, and each distance is computed only within the few edits that would still count as a typo.
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        if (name.Length > MaxComparedLength)
        {
            return null;
        }

        var allowed = name.Length < 3 ? 0 : Math.Max(1, Math.Min(3, name.Length / 3));
        string? best = null;
        var bestDistance = allowed + 1;
        string? affix = null;
        var compared = 0;
        foreach (var candidate in candidates)
        {
            if (++compared > MaxCandidates)
            {
                break;
            }

            if (candidate.Length <= MaxComparedLength && bestDistance > 0)
            {
                // The first candidate at the smallest distance, as long as that distance is a typo's.
                var distance = Distance(name, candidate, bestDistance - 1);
                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = candidate;
                }
            }

            // A spelled-out or abbreviated key ('minimum' for 'min', 'desc' for 'description').
            if (affix is null && candidate.Length is >= 3 and <= MaxComparedLength && name.Length >= 3
                && (name.StartsWith(candidate, StringComparison.OrdinalIgnoreCase) || candidate.StartsWith(name, StringComparison.OrdinalIgnoreCase)))
            {
                affix = candidate;
            }
        }

        return best ?? affix;
    }

    /// <summary>
    /// The Levenshtein distance of <paramref name="a"/> and <paramref name="b"/>, ignoring case, with a transposition
    /// counted as one edit, when it is at most <paramref name="max"/>, else
    /// <paramref name="max"/> + 1: only the band of cells within <paramref name="max"/> of the diagonal is computed, in
    /// three rows, and a row whose every cell is over <paramref name="max"/> ends it. Time O(|a| · max), memory O(|b|).
    /// </summary>
    public static int Distance(string a, string b, int max)
    {
        var over = max + 1;
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return over;
        }

        var m = b.Length;
        var older = new int[m + 1]; // row i - 2, for transpositions
        var previous = new int[m + 1];
        var current = new int[m + 1];
        for (var j = 0; j <= m; j++)
        {
            previous[j] = Math.Min(j, over);
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var low = Math.Max(1, i - max);
            var high = Math.Min(m, i + max);
            current[0] = Math.Min(i, over);
            if (low > 1)
            {
                current[low - 1] = over;
            }

            var rowMin = low == 1 ? current[0] : over;
            var ai = char.ToLowerInvariant(a[i - 1]);
            for (var j = low; j <= high; j++)
            {
                var bj = char.ToLowerInvariant(b[j - 1]);
                var cost = ai == bj ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && ai == char.ToLowerInvariant(b[j - 2]) && char.ToLowerInvariant(a[i - 2]) == bj)
                {
                    d = Math.Min(d, older[j - 2] + 1);
                }

                current[j] = Math.Min(d, over);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (high < m)
            {
                current[high + 1] = over;
            }

            if (rowMin >= over)
            {
                return over;
            }

            (older, previous, current) = (previous, current, older);
        }

        return Math.Min(previous[m], over);
    }
}
