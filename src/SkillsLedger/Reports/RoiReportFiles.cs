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

    /// <summary>Writes every file and returns the full path of the HTML page.</summary>
    public static async Task<string> WriteAsync(RoiReport report, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        foreach (var chart in report.Charts)
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, chart.PngFile), chart.Png, ct);
            await File.WriteAllTextAsync(Path.Combine(directory, chart.SvgFile), chart.Svg, ct);
        }
        await File.WriteAllTextAsync(Path.Combine(directory, JsonFile), ToJson(report), ct);
        var html = Path.GetFullPath(Path.Combine(directory, HtmlFile));
        await File.WriteAllTextAsync(html, RoiReportHtml.Render(report), ct);
        return html;
    }
}
