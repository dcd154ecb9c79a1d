using System.Text;
using Tiering.Rules.Cli.Input;

namespace Tiering.Rules.Cli.Tests.Input;

public sealed class DecodingReaderTests
{
    [Fact]
    public void ReadToEnd_BadByteAfterTheFirstBlock_NamesItsLineAndAbsoluteByteOffset_AfterEveryGoodCharacter()
    {
        var good = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"line{i:D5}\n"));   // 10 bytes a line
        byte[] bytes = [.. Encoding.UTF8.GetBytes(good), (byte)'x', 0xC3, 0x28, .. "\nend\n"u8];

        using var reader = DecodingReader.Open(new MemoryStream(bytes), encodingName: null);
        var text = new StringBuilder();
        var read = () =>
        {
            while (reader.Read() is var c and >= 0)
            {
                text.Append((char)c);
            }
        };

        read.Should().Throw<InputException>().WithMessage("line 20001, byte offset 200001: the input is not valid UTF-8: a byte sequence (c3) does not decode*");
        text.ToString().Should().Be(good + "x", "every character before the bad byte is read");
    }

    [Fact]
    public void ReadLine_MultiByteCharactersAcrossBlockBoundaries_DecodeWhole()
    {
        var line = new string('中', 70_000);

        using var reader = DecodingReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(line + "\r\nnext")), encodingName: null);

        reader.ReadLine().Should().Be(line);
        reader.ReadLine().Should().Be("next");
        reader.ReadLine().Should().BeNull();
    }

    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x61 }, null, "UTF-8")]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, null, "UTF-16LE")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0x61 }, "utf-16", "UTF-16BE")]
    [InlineData(new byte[] { 0x84, 0x31, 0x95, 0x33, 0x61 }, null, "GB18030")]
    [InlineData(new byte[] { 0x61 }, "gbk", "GBK")]
    public void Open_ByteOrderMark_ChoosesTheEncodingAndIsSkipped(byte[] bytes, string? encoding, string expected)
    {
        using var reader = DecodingReader.Open(new MemoryStream(bytes), encoding);

        reader.EncodingName.Should().Be(expected);
        reader.ReadToEnd().Should().Be("a");
    }
}
