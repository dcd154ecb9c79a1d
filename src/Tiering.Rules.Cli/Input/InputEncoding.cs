using System.Text;

namespace Tiering.Rules.Cli.Input;

/// <summary>
/// The encodings <c>--encoding</c> accepts and how a byte order mark is read: without <c>--encoding</c> the input is
/// UTF-8 unless it starts with a UTF-16 or GB18030 byte order mark; with it, a byte order mark of another encoding is a
/// usage error. Every decoder throws on a byte sequence it cannot decode (never U+FFFD).
/// </summary>
internal static class InputEncoding
{
    /// <summary>The names <c>--encoding</c> accepts.</summary>
    public static readonly string[] Names = ["utf-8", "gb18030", "gbk", "utf-16", "utf-16le", "utf-16be"];

    static InputEncoding() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Decides the encoding from <paramref name="name"/> (null: not given) and the first bytes of the input.</summary>
    /// <returns>The encoding (with a throwing decoder), its name for messages, and the length of the byte order mark to skip.</returns>
    /// <exception cref="InputException">A byte order mark contradicts <paramref name="name"/>.</exception>
    public static (Encoding Encoding, string Name, int BomLength) Resolve(string? name, ReadOnlySpan<byte> head)
    {
        var (bomName, bomLength) = head switch
        {
            [0xEF, 0xBB, 0xBF, ..] => ("utf-8", 3),
            [0x84, 0x31, 0x95, 0x33, ..] => ("gb18030", 4),
            [0xFF, 0xFE, ..] => ("utf-16le", 2),
            [0xFE, 0xFF, ..] => ("utf-16be", 2),
            _ => (null, 0),
        };

        if (name is null)
        {
            return (Strict(bomName ?? "utf-8"), Display(bomName ?? "utf-8"), bomLength);
        }

        if (bomName is null)
        {
            return (Strict(name), Display(name), 0);
        }

        var fits = name == bomName
            || (name == "utf-16" && bomName.StartsWith("utf-16", StringComparison.Ordinal))
            || (name == "gbk" && bomName == "gb18030");
        if (!fits)
        {
            throw new InputException($"the input starts with a {Display(bomName)} byte order mark, but --encoding {name} was given; drop --encoding or give --encoding {bomName}");
        }

        var chosen = name == "utf-16" || name == "gbk" ? bomName : name;
        return (Strict(chosen), Display(chosen), bomLength);
    }

    /// <summary>How an encoding is named in messages.</summary>
    public static string Display(string name) => name switch
    {
        "utf-8" => "UTF-8",
        "gb18030" => "GB18030",
        "gbk" => "GBK",
        "utf-16" or "utf-16le" => "UTF-16LE",
        "utf-16be" => "UTF-16BE",
        _ => name,
    };

    private static Encoding Strict(string name) => name switch
    {
        "utf-8" => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
        "utf-16" or "utf-16le" => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true),
        "utf-16be" => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true),
        "gb18030" => Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        "gbk" => Encoding.GetEncoding(936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not an encoding --encoding accepts"),
    };
}
