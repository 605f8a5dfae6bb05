using System.Globalization;
using System.Xml.Linq;

namespace SkillsLedger.Charts.Tests;

/// <summary>The checks every chart must pass: right size, really drawn, SVG well-formed, readable text.</summary>
internal static class ChartAssert
{
    public static void Valid(RenderedChart chart, ChartSize size, string title, int minColours = 50, double minInk = 0.02)
    {
        Assert.Equal((size.Width, size.Height), (chart.Width, chart.Height));
        Assert.Equal((size.Width, size.Height), PngImage.ReadIhdrSize(chart.Png));
        var image = PngImage.Decode(chart.Png);
        Assert.True(image.DistinctColours() > minColours, $"only {image.DistinctColours()} distinct colours");
        Assert.True(image.NonBackgroundFraction() > minInk, $"only {image.NonBackgroundFraction():P1} non-background pixels");

        var svg = ParseSvg(chart.Svg);
        Assert.Contains(title, SvgText(svg));
        Assert.Equal(size.Width.ToString(CultureInfo.InvariantCulture), svg.Root!.Attribute("width")?.Value);
        Assert.Equal(size.Height.ToString(CultureInfo.InvariantCulture), svg.Root!.Attribute("height")?.Value);
        ReadableFonts(svg, title);
    }

    public static XDocument ParseSvg(string svg)
    {
        var doc = XDocument.Parse(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        return doc;
    }

    /// <summary>All text of the SVG, one text element per line (labels and ticks are separate elements).</summary>
    public static string SvgText(XDocument svg) =>
        string.Join("\n", TextElements(svg).Select(t => t.Value.Trim()));

    public static string SvgText(string svg) => SvgText(ParseSvg(svg));

    private static IEnumerable<XElement> TextElements(XDocument svg) =>
        svg.Descendants().Where(e => e.Name.LocalName == "text");

    // Slide rule: nothing under 16 px, the title at least 20 px, and every label in the chosen sans family
    // (a serif here means a text element was created before the font was set).
    private static void ReadableFonts(XDocument svg, string title)
    {
        var texts = TextElements(svg).Where(t => t.Value.Trim().Length > 0).ToList();
        Assert.NotEmpty(texts);
        foreach (var text in texts)
        {
            double px = double.Parse(text.Attribute("font-size")!.Value, CultureInfo.InvariantCulture);
            Assert.True(px >= 16, $"'{text.Value.Trim()}' is {px} px");
            Assert.StartsWith(ChartFonts.Family, text.Attribute("font-family")!.Value);
        }
        var titleElement = texts.First(t => t.Value.Trim() == title);
        Assert.True(double.Parse(titleElement.Attribute("font-size")!.Value, CultureInfo.InvariantCulture) >= 20);
    }

    /// <summary>Where a text element's letters are, vertically, in the picture: from its baseline (the element's
    /// translate plus its y) up by the font's ascent (0.8 em) and down by its descent (0.25 em), generous on both sides.</summary>
    public static (double Top, double Bottom) Band(XElement text)
    {
        var size = double.Parse(text.Attribute("font-size")!.Value, CultureInfo.InvariantCulture);
        var translate = System.Text.RegularExpressions.Regex.Match(text.Attribute("transform")?.Value ?? "", @"translate\(\S+ (\S+)\)");
        var baseline = (translate.Success ? double.Parse(translate.Groups[1].Value, CultureInfo.InvariantCulture) : 0)
            + double.Parse(text.Attribute("y")?.Value.Split(',')[0] ?? "0", CultureInfo.InvariantCulture);
        return (baseline - 0.8 * size, baseline + 0.25 * size);
    }

    /// <summary>Where a text element is anchored, horizontally (its translate).</summary>
    public static double Left(XElement text) => double.Parse(
        System.Text.RegularExpressions.Regex.Match(text.Attribute("transform")!.Value, @"translate\((\S+) ").Groups[1].Value, CultureInfo.InvariantCulture);

    /// <summary>The text element that reads exactly this.</summary>
    public static XElement Text(XDocument svg, string text) => TextElements(svg).Single(t => t.Value.Trim() == text);

    /// <summary>The text element that starts with this.</summary>
    public static XElement TextStartingWith(XDocument svg, string start) => TextElements(svg).Single(t => t.Value.Trim().StartsWith(start, StringComparison.Ordinal));

    public static void SaysNoData(RenderedChart chart, ChartSize size, string title)
    {
        Assert.Equal((size.Width, size.Height), PngImage.ReadIhdrSize(chart.Png));
        string text = SvgText(chart.Svg);
        Assert.Contains("No data", text);
        Assert.Contains(title, text);
        // The words are really drawn, not only present in the SVG.
        Assert.True(PngImage.Decode(chart.Png).NonBackgroundFraction() > 0.001);
    }
}
