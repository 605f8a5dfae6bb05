namespace SkillsLedger.Charts;

/// <summary>Output size in pixels. The default is a 16:9 slide (1600 × 900), which pastes into decks without rescaling.</summary>
public sealed record ChartSize(int Width = 1600, int Height = 900)
{
    /// <summary>The 16:9 slide size used when the caller gives none.</summary>
    public static ChartSize Slide { get; } = new();

    internal void Validate()
    {
        // Below this the fixed-size slide fonts no longer fit; fail loudly rather than draw an illegible chart.
        if (Width < 400 || Height < 300)
            throw new ArgumentOutOfRangeException(nameof(ChartSize), $"Chart size {Width}×{Height} is too small (minimum 400×300).");
    }
}

/// <summary>
/// One chart in both formats: PNG for pasting, SVG for editing or scaling in a deck. The PNG is drawn when first asked
/// for: the dashboard shows only the SVG, and drawing a 1600 × 900 bitmap it never sends is most of a chart's cost.
/// </summary>
public sealed class RenderedChart(Lazy<byte[]> png, string svg, int width, int height)
{
    public byte[] Png => png.Value;
    public string Svg { get; } = svg;
    public int Width { get; } = width;
    public int Height { get; } = height;
}
