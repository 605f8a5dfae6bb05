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

/// <summary>One chart in both formats: PNG for pasting, SVG for editing or scaling in a deck.</summary>
public sealed record RenderedChart(byte[] Png, string Svg, int Width, int Height);
