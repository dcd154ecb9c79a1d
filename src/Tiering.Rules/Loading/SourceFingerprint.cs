namespace Tiering.Rules.Loading;

/// <summary>The fingerprint of a set of policy sources (<c>PolicySet.Fingerprint</c>, <c>PolicyLoader.Fingerprint</c>).</summary>
internal static class SourceFingerprint
{
    /// <summary>A short hash of every source's file name and text, whatever their order or directory.</summary>
    public static string Of(PolicySource[] sources)
    {
        // File names and contents, not full paths: the same files in another directory give the same fingerprint. A
        // content hash, not a security one (two multiply-xorshift lanes over the text four characters at a time, its
        // UTF-16 read as little-endian 64-bit words): it tells loaded sets apart, it does not authenticate them, and it
        // spares a cold start the cryptography library's first use. A reload hashes every file: a character at a time
        // it was a twentieth of one.
        var (a, b) = (0xcbf29ce484222325UL, 0x84222325cbf29ce4UL);
        foreach (var source in sources.Length > 1 ? ByFileName(sources) : sources)
        {
            Mix(Path.GetFileName(source.Path.AsSpan()));
            Mix(source.Text);
        }

        return Hex12(a ^ (b >> 16));

        void Mix(ReadOnlySpan<char> text)
        {
            // Unsafe reads, not MemoryMarshal.Cast<char, ulong>: that generic method is not in the ReadyToRun image.
            ref var first = ref System.Runtime.CompilerServices.Unsafe.As<char, byte>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text));
            var whole = text.Length / 4;
            for (var i = 0; i < whole; i++)
            {
                var word = System.Runtime.CompilerServices.Unsafe.ReadUnaligned<ulong>(ref System.Runtime.CompilerServices.Unsafe.Add(ref first, i * 8));

                // Characters 0..3 as the word's 16-bit lanes from the low end, whatever the machine's byte order.
                var w = BitConverter.IsLittleEndian ? word
                    : (word << 48) | ((word >> 16 & 0xFFFF) << 32) | ((word >> 32 & 0xFFFF) << 16) | (word >> 48);
                a = (a ^ w) * 0x100000001b3UL;
                a ^= a >> 32;
                b = (b ^ w) * 0x9E3779B97F4A7C15UL ^ (b >> 29);
            }

            foreach (var c in text[(whole * 4)..])
            {
                a = (a ^ c) * 0x100000001b3UL;
                b = (b ^ c) * 0x100000001b3UL ^ (b >> 29);
            }

            a = (a ^ 0xFFFF) * 0x100000001b3UL; // a separator no character can produce
            b = (b ^ 0xFFFF) * 0x100000001b3UL;
        }
    }

    /// <summary>
    /// The top 48 bits as 12 lower-case hex digits, written out: number formatting with a culture, even the invariant one,
    /// initialises globalization and loads ICU, some milliseconds of a fresh process's first load.
    /// </summary>
    private static string Hex12(ulong value)
    {
        // Not string.Create: its instantiation over ulong is in no precompiled image, and the JIT would compile it.
        Span<char> digits = stackalloc char[12];
        for (var i = 0; i < digits.Length; i++)
        {
            digits[i] = "0123456789abcdef"[(int)(value >> (60 - (4 * i))) & 0xF];
        }

        return new string(digits);
    }

    /// <summary>The sources in file-name order, then by text (out of line: a single-file load compiles no sort).</summary>
    private static PolicySource[] ByFileName(PolicySource[] sources) =>
        [.. sources.OrderBy(s => Path.GetFileName(s.Path), StringComparer.Ordinal).ThenBy(s => s.Text, StringComparer.Ordinal)];
}
