using Tiering.Rules.Runtime;

namespace Tiering.Rules.NRules;

/// <summary>
/// One host fact in a session and the policies deciding it: for each, its frame, its decision once made, and the
/// policies waiting on that decision (chaining). Each policy appears once per subject, so a policy that two others
/// depend on is decided once. Used by one session on one thread.
/// </summary>
internal sealed class Subject(object fact, DateOnly? asOf)
{
    private Entry? _first;
    private List<Entry>? _more;

    public object Fact { get; } = fact;

    public DateOnly? AsOf { get; } = asOf;

    public Entry? Find(string policyId)
    {
        if (_first is null || string.Equals(_first.PolicyId, policyId, StringComparison.Ordinal))
        {
            return _first;
        }

        if (_more is not null)
        {
            foreach (var entry in _more)
            {
                if (string.Equals(entry.PolicyId, policyId, StringComparison.Ordinal))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    public Entry Add(string policyId)
    {
        var entry = new Entry(policyId);
        if (_first is null)
        {
            _first = entry;
        }
        else
        {
            (_more ??= []).Add(entry);
        }

        return entry;
    }

    /// <summary>One policy's part in a subject.</summary>
    internal sealed class Entry(string policyId)
    {
        public string PolicyId { get; } = policyId;

        /// <summary>The version deciding, once chosen.</summary>
        public PolicyEvaluator? Policy { get; set; }

        /// <summary>The frame the fact was bound into (a trace reads it); null when no version could decide.</summary>
        public Frame? Frame { get; set; }

        /// <summary>The fact the version's rules match; null when the fact was decided before reaching them.</summary>
        public PolicyFact? PolicyFact { get; set; }

        /// <summary>The decision, once made.</summary>
        public Decision? Decision { get; set; }

        /// <summary>The decisions of the policies this one reads, by position in its <c>decision(...)</c> fields.</summary>
        public Decision?[]? Dependencies { get; set; }

        /// <summary>How many of <see cref="Dependencies"/> are still to come.</summary>
        public int Awaited { get; set; }

        /// <summary>The policies waiting on this one's decision.</summary>
        public List<Entry>? Dependents { get; set; }
    }
}
