using System.Buffers.Binary;
using System.IO.Compression;

namespace Tiering.Rules.Cli.Tests.Support;

/// <summary>Just enough of PNG to read a browser's screenshot: 8-bit RGB or RGBA, non-interlaced, every row filter.</summary>
internal sealed class Png
{
    private Png(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Three bytes per pixel, row by row.</summary>
    public byte[] Rgb { get; }

    public (byte R, byte G, byte B) this[int x, int y] => (Rgb[((y * Width) + x) * 3], Rgb[(((y * Width) + x) * 3) + 1], Rgb[(((y * Width) + x) * 3) + 2]);

    public static Png Read(byte[] file)
    {
        byte[] signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!file.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at < file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            var data = file.AsSpan(at + 8, length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    var (depth, color, interlace) = (data[8], data[9], data[12]);
                    if (depth != 8 || color is not (2 or 6) || interlace != 0)
                    {
                        throw new NotSupportedException($"PNG with depth {depth}, color type {color}, interlace {interlace}");
                    }

                    channels = color == 2 ? 3 : 4;
                    break;
                case "IDAT":
                    compressed.Write(data);
                    break;
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflate.CopyTo(raw);
        var bytes = raw.ToArray();
        var stride = width * channels;
        var previous = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            var row = bytes.AsSpan((y * (stride + 1)) + 1, stride).ToArray();
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? row[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                row[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG row filter {filter}"),
                });
            }

            for (var x = 0; x < width; x++)
            {
                Array.Copy(row, x * channels, rgb, ((y * width) + x) * 3, 3);
            }

            previous = row;
        }

        return new Png(width, height, rgb);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
