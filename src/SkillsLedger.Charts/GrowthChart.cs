using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>Mean growth of one group (e.g. "Programme", "No programme") with its 95 % interval, in levels per year.</summary>
public sealed record GrowthGroup(string Name, int N, double Mean, double CiLow, double CiHigh);

/// <summary>Input of <see cref="GrowthChart"/>; <paramref name="Caption"/> (method, period) is optional.</summary>
public sealed record GrowthChartData(
    string Title,
    IReadOnlyList<GrowthGroup> Groups,
    string YLabel = "Mean growth (levels per year)",
    string? Caption = "Bars: group means; whiskers: 95 % confidence intervals",
    ChartWords? Words = null);

/// <summary>One bar per group with 95 % error bars, the group size under each label, and a zero line.</summary>
public static class GrowthChart
{
    private const double BarWidth = 0.6;

    public static RenderedChart Render(GrowthChartData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        if (data.Groups.Count == 0) return ChartStyle.NoData(data.Title, size, data.Words);

        var plot = ChartStyle.NewPlot(data.Title, size);
        float scale = ChartStyle.Scale(size);
        for (int i = 0; i < data.Groups.Count; i++)
            AddGroup(plot, data.Groups[i], i, ChartStyle.SeriesColor(i), scale);

        // The zero line is the "no growth" reference the bars are read against.
        plot.Add.HorizontalLine(0, 2, ChartStyle.Black);
        plot.YLabel(data.YLabel);
        ChartStyle.ValueTicks(plot.Axes.Left, data.Words, 6);
        plot.Axes.Bottom.SetTicks(
            [.. Enumerable.Range(0, data.Groups.Count).Select(i => (double)i)],
            [.. data.Groups.Select(g => $"{g.Name}\nn = {g.N.ToString("N0", (data.Words ?? ChartWords.English).Numbers)}")]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        SetLimits(plot, data.Groups);
        plot.Grid.XAxisStyle.IsVisible = false; // vertical grid lines between categories mean nothing; keep the horizontal guides
        if (!string.IsNullOrWhiteSpace(data.Caption)) ChartStyle.AddCaption(plot, data.Caption, size);
        return ChartStyle.Export(plot, size);
    }

    private static void AddGroup(Plot plot, GrowthGroup group, int position, Color color, float scale)
    {
        var bar = new Bar { Position = position, Value = group.Mean, Size = BarWidth, FillColor = color, LineWidth = 0 };
        plot.Add.Bar(bar);
        AddWhisker(plot, position, group.CiLow, group.CiHigh);
        // The value sits beside the bar, not on top, where it would collide with the whisker.
        ChartStyle.AddText(plot, group.Mean.ToString("+0.00;−0.00;0.00"), position + BarWidth / 2 + 0.03, group.Mean,
            ChartStyle.AnnotationSize * scale, ChartStyle.Black, Alignment.MiddleLeft);
    }

    // Drawn as lines rather than Bar.Error because intervals need not be symmetric around the mean.
    private static void AddWhisker(Plot plot, double x, double low, double high)
    {
        const double cap = 0.08;
        foreach (var line in new[]
                 {
                     plot.Add.Line(x, low, x, high),
                     plot.Add.Line(x - cap, low, x + cap, low),
                     plot.Add.Line(x - cap, high, x + cap, high),
                 })
        {
            line.LineWidth = 3;
            line.LineColor = ChartStyle.Black;
            line.MarkerSize = 0;
        }
    }

    private static void SetLimits(Plot plot, IReadOnlyList<GrowthGroup> groups)
    {
        // Always include zero so the bars start at the reference line, and pad so whiskers are not on the frame.
        double low = Math.Min(0, groups.Min(g => Math.Min(g.CiLow, g.Mean)));
        double high = Math.Max(0, groups.Max(g => Math.Max(g.CiHigh, g.Mean)));
        double pad = Math.Max(high - low, 0.1) * 0.12;
        plot.Axes.SetLimits(-0.6, groups.Count - 0.4, low - (low < 0 ? pad : 0), high + pad);
    }
}
