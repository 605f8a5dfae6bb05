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
