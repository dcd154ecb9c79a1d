using System.Collections.Immutable;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Model;

namespace Tiering.Rules.Analysis;

/// <summary>
/// The one place <c>accept:</c> codes are resolved. A finding is accepted by an <c>accept</c> with its code on one of
/// the rules it names, on the band or grading table, or on the policy (first match in that order); an accepted
/// warning or error becomes info (TR4000) carrying the original code, message and the author's reason — it never
/// disappears. Every <c>accept</c> no finding used is reported (TR4011), so stale ones get removed.
/// </summary>
internal static class AcceptanceResolver
{
    /// <summary>The descriptors only acceptance resolution reports.</summary>
    public static ImmutableArray<DiagnosticDescriptor> Reports => [DiagnosticDescriptors.Accepted, DiagnosticDescriptors.UnusedAccept];

    /// <summary>The findings as diagnostics, each accepted one as such, then every acceptance no finding used.</summary>
    /// <param name="policy">The policy the findings are about.</param>
    /// <param name="findings">The findings, in the order reported.</param>
    /// <returns>The diagnostics, in the order of the findings.</returns>
    public static IReadOnlyList<Diagnostic> Resolve(PolicyDefinition policy, List<Finding> findings) =>
        findings.Count == 0 && !HasAccepts(policy) ? [] : ResolveAll(policy, findings);

    // A loop, not LINQ: every load asks this (each lambda is one more method for a first load to compile).
    private static bool HasAccepts(PolicyDefinition policy)
    {
        if (policy.Accepts.Length > 0 || policy.Bands is { Accepts.Length: > 0 } || policy.Grading is { Accepts.Length: > 0 })
        {
            return true;
        }

        foreach (var rule in policy.Rules)
        {
            if (rule.Accepts.Length > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static List<Diagnostic> ResolveAll(PolicyDefinition policy, List<Finding> findings)
    {
        var byRule = policy.Rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var used = new HashSet<Acceptance>();
        var result = new List<Diagnostic>();
        foreach (var finding in findings)
        {
            var diagnostic = finding.Descriptor.Create(finding.Span, finding.Args).About(policy.Id, finding.Rules, finding.Witness);
            var accept = finding.Rules.SelectMany(id => byRule.TryGetValue(id, out var rule) ? rule.Accepts : [])
                .Concat(policy.Bands?.Accepts ?? [])
                .Concat(policy.Grading?.Accepts ?? [])
                .Concat(policy.Accepts)
                .FirstOrDefault(a => a.Code == diagnostic.Code);
            if (accept is not null && diagnostic.Severity != DiagnosticSeverity.Info)
            {
                used.Add(accept);
                diagnostic = DiagnosticDescriptors.Accepted.Create(finding.Span, diagnostic.Code, diagnostic.Message, accept.Reason)
                    .About(policy.Id, diagnostic.RuleIds, diagnostic.Witness);
            }

            result.Add(diagnostic);
        }

        foreach (var accept in DeclaredAccepts(policy).Where(a => !used.Contains(a)))
        {
            result.Add(DiagnosticDescriptors.UnusedAccept.Create(accept.Span, accept.Code).About(policy.Id, [], null));
        }

        return result;
    }

    private static IEnumerable<Acceptance> DeclaredAccepts(PolicyDefinition policy) =>
        policy.Rules.SelectMany(r => r.Accepts)
            .Concat(policy.Bands?.Accepts ?? [])
            .Concat(policy.Grading?.Accepts ?? [])
            .Concat(policy.Accepts);
}
