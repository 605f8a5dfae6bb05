using System.Buffers.Binary;
using System.IO.Compression;

namespace SkillsLedger.Charts.Tests;

/// <summary>
/// Minimal PNG reader (8-bit RGB/RGBA, non-interlaced: what Skia writes) so the tests check real pixels
/// without depending on the renderer they are testing.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    public int Width { get; }
    public int Height { get; }
    /// <summary>Pixels as 0xRRGGBBAA, row by row.</summary>
    public uint[] Pixels { get; }

    private PngImage(int width, int height, uint[] pixels) => (Width, Height, Pixels) = (width, height, pixels);

    public static bool HasSignature(byte[] png) => png.Length > 8 && png.AsSpan(0, 8).SequenceEqual(Signature);

    /// <summary>Width and height straight from the IHDR chunk, which must be the first chunk.</summary>
    public static (int Width, int Height) ReadIhdrSize(byte[] png)
    {
        Assert.True(HasSignature(png), "PNG signature missing");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    public static PngImage Decode(byte[] png)
    {
        var (width, height) = ReadIhdrSize(png);
        byte bitDepth = png[24], colorType = png[25], interlace = png[28];
        Assert.Equal(8, bitDepth);
        Assert.Equal(0, interlace);
        int channels = colorType switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"PNG colour type {colorType}") };

        byte[] raw = Inflate(ConcatIdat(png));
        int stride = width * channels;
        Assert.Equal(height * (stride + 1), raw.Length);
        Unfilter(raw, height, stride, channels);
        return new PngImage(width, height, ToPixels(raw, width, height, stride, channels));
    }

    private static byte[] ConcatIdat(byte[] png)
    {
        var data = new MemoryStream();
        for (int offset = 8; offset < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            if (type == "IDAT") data.Write(png, offset + 8, length);
            if (type == "IEND") break;
            offset += 12 + length; // length + type + data + CRC
        }
        return data.ToArray();
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    // PNG filters (spec section 9): each row starts with a filter byte; undo in place, top to bottom.
    private static void Unfilter(byte[] raw, int height, int stride, int bpp)
    {
        for (int y = 0; y < height; y++)
        {
            int row = y * (stride + 1), prev = row - (stride + 1);
            byte filter = raw[row];
            for (int i = 1; i <= stride; i++)
            {
                int a = i > bpp ? raw[row + i - bpp] : 0;
                int b = y > 0 ? raw[prev + i] : 0;
                int c = y > 0 && i > bpp ? raw[prev + i - bpp] : 0;
                raw[row + i] = (byte)(raw[row + i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG filter {filter}"),
                });
            }
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint[] ToPixels(byte[] raw, int width, int height, int stride, int channels)
    {
        var pixels = new uint[width * height];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = y * (stride + 1) + 1 + x * channels;
                byte alpha = channels == 4 ? raw[i + 3] : (byte)255;
                pixels[y * width + x] = (uint)(raw[i] << 24 | raw[i + 1] << 16 | raw[i + 2] << 8 | alpha);
            }
        return pixels;
    }

    public int DistinctColours() => Pixels.Distinct().Count();

    /// <summary>Share of pixels that differ from the most common colour (the background).</summary>
    public double NonBackgroundFraction()
    {
        uint background = Pixels.GroupBy(p => p).MaxBy(g => g.Count())!.Key;
        return Pixels.Count(p => p != background) / (double)Pixels.Length;
    }
}
