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

    /// <summary>The candidate a person most likely meant by <paramref name="name"/>, or null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }

        var allowed = name.Length < 3 ? 0 : Math.Max(1, Math.Min(3, name.Length / 3));
        if (best is not null && bestDistance <= allowed)
        {
            return best;
        }

        // A spelled-out or abbreviated key ('minimum' for 'min', 'desc' for 'description').
        var affix = candidates.FirstOrDefault(c => c.Length >= 3 && name.Length >= 3
            && (name.StartsWith(c, StringComparison.OrdinalIgnoreCase) || c.StartsWith(name, StringComparison.OrdinalIgnoreCase)));
        return affix;
    }

    /// <summary>Levenshtein distance with transpositions counted as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
