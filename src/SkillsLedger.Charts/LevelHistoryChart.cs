using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>One skill's level at each month end (no point where there was no evidence yet).</summary>
public sealed record LevelSeries(string Skill, IReadOnlyList<(DateOnly Month, double Level)> Points);

/// <summary>Input of <see cref="LevelHistoryChart"/>; month names come from the caller so the chart speaks the page's language.</summary>
public sealed record LevelHistoryData(string Title, IReadOnlyList<LevelSeries> Series, string YLabel, Func<DateOnly, string> MonthLabel, string? Caption = null,
    ChartWords? Words = null);

/// <summary>
/// A person's levels over time: one line per skill, each in its own Okabe–Ito colour and with its own marker shape,
/// so lines are told apart without colour too; the legend names each skill.
/// </summary>
public static class LevelHistoryChart
{
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle,
         MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond];

    public static RenderedChart Render(LevelHistoryData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        var series = data.Series.Where(s => s.Points.Count > 0).ToList();
        if (series.Count == 0) return ChartStyle.NoData(data.Title, size);

        var plot = ChartStyle.NewPlot(data.Title, size);
        float scale = ChartStyle.Scale(size);
        var first = series.Min(s => s.Points[0].Month);
        double X(DateOnly m) => (m.Year - first.Year) * 12 + m.Month - first.Month;
        for (int i = 0; i < series.Count; i++)
        {
            var line = plot.Add.ScatterLine(series[i].Points.Select(p => X(p.Month)).ToArray(), series[i].Points.Select(p => p.Level).ToArray(), ChartStyle.SeriesColor(i));
            line.LineWidth = 3;
            line.MarkerShape = Shapes[i % Shapes.Length];
            line.MarkerSize = 9 * scale;
            line.LegendText = series[i].Skill;
        }
        var last = series.Max(s => s.Points[^1].Month);
        var months = Enumerable.Range(0, (int)X(last) + 1).Where(i => i % 3 == 0).Select(i => first.AddMonths(i)).ToList();
        plot.Axes.Bottom.SetTicks([.. months.Select(X)], [.. months.Select(data.MonthLabel)]);
        plot.YLabel(data.YLabel);
        ChartStyle.ValueTicks(plot.Axes.Left, data.Words);
        plot.Grid.XAxisStyle.IsVisible = false;
        plot.ShowLegend(Edge.Right);
        if (!string.IsNullOrWhiteSpace(data.Caption)) ChartStyle.AddCaption(plot, data.Caption, size);
        return ChartStyle.Export(plot, size);
    }
}
