using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>One row of a forest plot: a group's estimate with its 95 % interval and n.</summary>
public sealed record ForestRow(string Label, double Estimate, double? Low, double? High, int People);

public sealed record ForestPlotData(string Title, IReadOnlyList<ForestRow> Rows, string XLabel,
    string? Caption = "Dot: mean difference · line: 95 % interval · dashed: no difference · n = people",
    ChartWords? Words = null);

/// <summary>
/// A forest plot: one row per group, its estimate as a dot and its 95 % interval as a line, against a dashed line at
/// zero (no difference), each row labelled with its name and n. Rows whose interval crosses zero are drawn grey, so the
/// reader sees which differences the data can tell from none (and the label says so in words: "n.s.").
/// </summary>
public static class ForestPlotChart
{
    public static RenderedChart Render(ForestPlotData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        var words = data.Words ?? ChartWords.English;
        if (data.Rows.Count == 0) return ChartStyle.NoData(data.Title, size, words);
        var plot = ChartStyle.NewPlot(data.Title, size);
        float scale = ChartStyle.Scale(size);
        var n = data.Rows.Count;
        for (var i = 0; i < n; i++)
        {
            var r = data.Rows[i];
            double y = n - i; // first row at the top
            var clear = r.Low is { } lo && r.High is { } hi && (lo > 0 || hi < 0);
            var color = clear ? ChartStyle.Blue : ChartStyle.Grey;
            if (r.Low is { } low && r.High is { } high)
            {
                var line = plot.Add.ScatterLine(new[] { low, high }, new[] { y, y }, color);
                line.LineWidth = 3;
                line.MarkerSize = 0;
            }
            var dot = plot.Add.ScatterPoints(new[] { r.Estimate }, new[] { y }, color);
            dot.MarkerSize = 12 * scale;
        }
        var zero = plot.Add.VerticalLine(0, 2, ChartStyle.Black, LinePattern.Dashed);
        zero.LegendText = "";
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)(n - i))],
            [.. data.Rows.Select(r => $"{r.Label} (n = {r.People.ToString("N0", words.Numbers)}){(r.Low is { } l && r.High is { } h && l <= 0 && h >= 0 ? " " + words.NotSignificant : "")}")]);
        plot.XLabel(data.XLabel);
        ChartStyle.ValueTicks(plot.Axes.Bottom, words, 7);
        var xs = data.Rows.SelectMany(r => new[] { r.Estimate, r.Low ?? r.Estimate, r.High ?? r.Estimate }).Append(0).ToList();
        var pad = Math.Max(1, (xs.Max() - xs.Min()) * 0.08);
        plot.Axes.SetLimits(xs.Min() - pad, xs.Max() + pad, 0.4, n + 0.6);
        plot.Grid.YAxisStyle.IsVisible = false;
        if (!string.IsNullOrWhiteSpace(data.Caption)) ChartStyle.AddCaption(plot, data.Caption, size);
        return ChartStyle.Export(plot, size);
    }
}
