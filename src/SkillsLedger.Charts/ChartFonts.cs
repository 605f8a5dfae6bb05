using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>
/// Picks the font family once. SkiaSharp's NoDependencies build does not use fontconfig: an unknown family silently
/// becomes its first scanned font (a serif here), so we ask for a family and keep it only if Skia really returns it.
/// </summary>
public static class ChartFonts
{
    /// <summary>Sans families tried in order; DejaVu Sans is what Debian/Ubuntu ship in fonts-dejavu-core.</summary>
    public static IReadOnlyList<string> Preferred { get; } =
        ["DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica", "Open Sans"];

    private static readonly Lazy<string> Resolved = new(Resolve);

    /// <summary>The family every chart uses.</summary>
    public static string Family => Resolved.Value;

    /// <summary>True when one of <see cref="Preferred"/> was found; false means the charts fall back to whatever Skia has.</summary>
    public static bool IsPreferredFamilyAvailable => Preferred.Contains(Family);

    /// <summary>Rendered width in pixels of <paramref name="text"/> in the chart font, for layout decisions ScottPlot does not make itself.</summary>
    public static float MeasureWidth(string text, float fontSize)
    {
        using var font = new SkiaSharp.SKFont(Fonts.GetTypeface(Family, bold: false, italic: false), fontSize);
        return font.MeasureText(text);
    }

    private static string Resolve()
    {
        foreach (var family in Preferred)
            if (IsInstalled(family)) return family;
        return Fonts.Default;
    }

    private static bool IsInstalled(string family)
    {
        var typeface = Fonts.GetTypeface(family, bold: false, italic: false);
        return typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase);
    }
}
