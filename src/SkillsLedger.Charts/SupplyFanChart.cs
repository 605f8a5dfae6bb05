using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>Supply at the end of one month: people at or above a target's level.</summary>
public sealed record SupplyHistoryPoint(DateOnly Month, int Supply);

/// <summary>The forecast at the due date: median and the 80 % and 95 % intervals (whole people).</summary>
public sealed record SupplyFan(DateOnly DueDate, int Median, int Low80, int High80, int Low95, int High95);

/// <summary>Input of <see cref="SupplyFanChart"/>: the monthly history up to today, the forecast and the headcount asked for.</summary>
public sealed record SupplyFanChartData(
    string Title, IReadOnlyList<SupplyHistoryPoint> History, DateOnly Today, SupplyFan Forecast, int Headcount,
    string YLabel = "People at or above the target level",
    string TargetLabel = "Target",
    string? Caption = "Line: supply each month · dark band: 80 % interval · light band: 95 % interval · dashed: target headcount",
    ChartWords? Words = null);

/// <summary>
/// A forecast fan: the supply history as a line, then a fan opening from today's supply to the 80 % (dark) and 95 %
/// (light) intervals at the due date with the median dashed through it, and the headcount asked for as a line to read
/// the fan against.
/// </summary>
public static class SupplyFanChart
{
    private const double DaysPerMonth = 365.25 / 12;

    public static RenderedChart Render(SupplyFanChartData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        if (data.History.Count == 0) return ChartStyle.NoData(data.Title, size, data.Words);

        var plot = ChartStyle.NewPlot(data.Title, size);
        float scale = ChartStyle.Scale(size);
        double X(DateOnly day) => (day.DayNumber - data.Today.DayNumber) / DaysPerMonth;
        var f = data.Forecast;
        var now = data.History[^1].Supply;
        var due = Math.Max(X(f.DueDate), 0.5);

        // The fan: from today's supply (no uncertainty today) to the intervals at the due date.
        AddBand(plot, due, now, f.Low95, f.High95, ChartStyle.Blue.WithAlpha(0.15));
        AddBand(plot, due, now, f.Low80, f.High80, ChartStyle.Blue.WithAlpha(0.35));
        var median = plot.Add.ScatterLine(new[] { 0.0, due }, new[] { (double)now, f.Median }, ChartStyle.Blue);
        median.LineWidth = 3;
        median.LinePattern = LinePattern.Dashed;
        median.MarkerSize = 0;

        var history = plot.Add.ScatterLine(data.History.Select(p => X(p.Month)).ToArray(), data.History.Select(p => (double)p.Supply).ToArray(), ChartStyle.Blue);
        history.LineWidth = 4;
        history.MarkerSize = 7 * scale;

        var target = plot.Add.HorizontalLine(data.Headcount, 3, ChartStyle.Vermillion, LinePattern.Dashed);
        target.LegendText = "";
        var left = X(data.History[0].Month);
        ChartStyle.AddText(plot, $"{data.TargetLabel}: {data.Headcount.ToString("N0", (data.Words ?? ChartWords.English).Numbers)}", left, data.Headcount, ChartStyle.AnnotationSize * scale,
            ChartStyle.Vermillion, Alignment.LowerLeft);
        ChartStyle.AddText(plot, string.Format((data.Words ?? ChartWords.English).Numbers, "{0:N0} ({1:N0}–{2:N0})", f.Median, f.Low80, f.High80), due + 0.3, f.Median, ChartStyle.AnnotationSize * scale,
            ChartStyle.Black, Alignment.MiddleLeft);

        var words = data.Words ?? ChartWords.English;
        var ticks = data.History.Where((_, i) => (data.History.Count - 1 - i) % 6 == 0).Select(p => (X(p.Month), words.Month(p.Month)))
            .Append((due, $"{f.DueDate.Day} {words.Month(f.DueDate)}")).ToList();
        plot.Axes.Bottom.SetTicks([.. ticks.Select(t => t.Item1)], [.. ticks.Select(t => t.Item2)]);
        plot.YLabel(data.YLabel);
        ChartStyle.ValueTicks(plot.Axes.Left, data.Words);
        var low = Math.Min(0, data.History.Min(p => p.Supply));
        var high = new[] { data.History.Max(p => p.Supply), f.High95, data.Headcount }.Max();
        plot.Axes.SetLimits(left - 0.5, due + (due - left) * 0.18, low, high * 1.1 + 1);
        plot.Grid.XAxisStyle.IsVisible = false;
        if (!string.IsNullOrWhiteSpace(data.Caption)) ChartStyle.AddCaption(plot, data.Caption, size);
        return ChartStyle.Export(plot, size);
    }

    private static void AddBand(Plot plot, double due, int now, int low, int high, Color color)
    {
        var band = plot.Add.FillY(new[] { 0.0, due }, new[] { (double)now, low }, new[] { (double)now, high });
        band.FillColor = color;
        band.LineWidth = 0;
        band.LegendText = "";
    }
}
