using System.Text.RegularExpressions;
using SkillsLedger.Charts;

namespace SkillsLedger.Presentation;

public partial class ChartFigure
{
    /// <summary>The SVG without its XML declaration, scaling with the page: its fixed size (1600 × 900) becomes the view box.</summary>
    private static string InlineSvg(RenderedChart chart) =>
        SvgOpen().Replace(XmlDeclaration().Replace(chart.Svg, ""),
            _ => $"<svg viewBox=\"0 0 {chart.Width} {chart.Height}\" preserveAspectRatio=\"xMidYMid meet\" focusable=\"false\" aria-hidden=\"true\"", 1);

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\b")]
    private static partial Regex SvgOpen();
}
