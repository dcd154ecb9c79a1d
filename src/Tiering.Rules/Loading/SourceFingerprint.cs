using System.Globalization;

namespace Tiering.Rules.Loading;

/// <summary>The fingerprint of a set of policy sources (<c>PolicySet.Fingerprint</c>, <c>PolicyLoader.Fingerprint</c>).</summary>
internal static class SourceFingerprint
{
    /// <summary>A short hash of every source's file name and text, whatever their order or directory.</summary>
    public static string Of(List<PolicySource> sources)
    {
        // File names and contents, not full paths: the same files in another directory give the same fingerprint. A
        // content hash, not a security one (two FNV-1a lanes): it tells loaded sets apart, it does not authenticate
        // them, and it spares a cold start the cryptography library's first use.
        var (a, b) = (0xcbf29ce484222325UL, 0x84222325cbf29ce4UL);
        foreach (var source in sources.Count > 1 ? ByFileName(sources) : sources)
        {
            Mix(Path.GetFileName(source.Path.AsSpan()));
            Mix(source.Text);
        }

        return (a ^ (b >> 16)).ToString("x16", CultureInfo.InvariantCulture)[..12];

        void Mix(ReadOnlySpan<char> text)
        {
            foreach (var c in text)
            {
                a = (a ^ c) * 0x100000001b3UL;
                b = (b ^ c) * 0x100000001b3UL ^ (b >> 29);
            }

            a = (a ^ 0xFFFF) * 0x100000001b3UL; // a separator no character can produce
            b = (b ^ 0xFFFF) * 0x100000001b3UL;
        }
    }

    /// <summary>The sources in file-name order, then by text (out of line: a single-file load compiles no sort).</summary>
    private static List<PolicySource> ByFileName(List<PolicySource> sources) =>
        [.. sources.OrderBy(s => Path.GetFileName(s.Path), StringComparer.Ordinal).ThenBy(s => s.Text, StringComparer.Ordinal)];
}
