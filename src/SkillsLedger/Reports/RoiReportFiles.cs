using System.Text.Json;
using System.Text.Json.Serialization;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Reports;

/// <summary>Writes the report to a folder: roi-report.html, roi.json and each chart as PNG and SVG.</summary>
public static class RoiReportFiles
{
    public const string HtmlFile = "roi-report.html";
    public const string JsonFile = "roi.json";

    /// <summary>The views' conventions (camelCase, nulls shown), indented; a non-finite number is written as a string rather than failing.</summary>
    public static readonly JsonSerializerOptions Json = new(LedgerJson.Views)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string ToJson(RoiReport report) => JsonSerializer.Serialize(report, Json);

    /// <summary>The Dutch page (its charts drawn again with Dutch words) and its charts' files: roi-report.nl.html, NAME.nl.png/svg.</summary>
    public const string DutchHtmlFile = "roi-report.nl.html";

    /// <summary>The report in Dutch: the same figures, its charts drawn with Dutch titles, captions and labels.</summary>
    public static RoiReport InDutch(RoiReport report) => report with { Charts = ReportCharts.Render(report, ReportFormat.Dutch) };

    /// <summary>Writes every file, in English and in Dutch, and returns the full path of the English HTML page.</summary>
    public static async Task<string> WriteAsync(RoiReport report, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var dutch = InDutch(report);
        foreach (var (chart, suffix) in report.Charts.Select(c => (c, "")).Concat(dutch.Charts.Select(c => (c, ".nl"))))
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, chart.Name + suffix + ".png"), chart.Png, ct);
            await File.WriteAllTextAsync(Path.Combine(directory, chart.Name + suffix + ".svg"), chart.Svg, ct);
        }
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFile), ToJson(report), ct);
        await File.WriteAllTextAsync(Path.Combine(directory, DutchHtmlFile), await RoiReportHtml.RenderAsync(dutch, ReportFormat.Dutch), ct);
        var html = Path.GetFullPath(Path.Combine(directory, HtmlFile));
        await File.WriteAllTextAsync(html, await RoiReportHtml.RenderAsync(report), ct);
        return html;
    }
}
