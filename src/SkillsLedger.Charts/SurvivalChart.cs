using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>One Kaplan–Meier estimate: survival and its 95 % interval as proportions in [0, 1], valid from <paramref name="Day"/> until the next point.</summary>
public sealed record SurvivalPoint(double Day, double Survival, double CiLow, double CiHigh);

/// <summary>One group's curve; <paramref name="N"/> is the number at risk at the landmark (shown in the legend).</summary>
public sealed record SurvivalGroup(string Name, int N, IReadOnlyList<SurvivalPoint> Points);

/// <summary>Input of <see cref="SurvivalChart"/>. The caption is built from the group sizes, <paramref name="Method"/> and <paramref name="LandmarkDays"/>.</summary>
public sealed record SurvivalChartData(
    string Title,
    IReadOnlyList<SurvivalGroup> Groups,
    string XLabel = "Days since landmark",
    string YLabel = "Share still employed (%)",
    string Method = "Kaplan–Meier, 95 % log(−log) intervals",
    int? LandmarkDays = null);

/// <summary>Kaplan–Meier step curves per group with step-shaped 95 % interval bands.</summary>
public static class SurvivalChart
{
    public static RenderedChart Render(SurvivalChartData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        var groups = data.Groups.Where(g => g.Points.Count > 0).ToList();
        if (groups.Count == 0) return ChartStyle.NoData(data.Title, size);

        var plot = ChartStyle.NewPlot(data.Title, size);
        for (int i = 0; i < groups.Count; i++)
            AddGroup(plot, groups[i], ChartStyle.SeriesColor(i));

        plot.XLabel(data.XLabel);
        plot.YLabel(data.YLabel);
        // The y axis is a share of people: always show the whole 0–100 range so drops are not exaggerated.
        double lastDay = groups.Max(g => g.Points.Max(p => p.Day));
        double firstDay = Math.Min(0, groups.Min(g => g.Points.Min(p => p.Day)));
        plot.Axes.SetLimits(firstDay, lastDay + (lastDay - firstDay) * 0.02, 0, 102);
        plot.Axes.Left.SetTicks([0, 20, 40, 60, 80, 100], ["0", "20", "40", "60", "80", "100"]);
        PlaceLegend(plot, groups);
        ChartStyle.AddCaption(plot, Caption(data, groups), size);
        return ChartStyle.Export(plot, size);
    }

    private static void AddGroup(Plot plot, SurvivalGroup group, Color color)
    {
        var points = group.Points.OrderBy(p => p.Day).ToList();
        double[] xs = StepXs(points);
        // The band goes in first so the curve is drawn on top of it.
        var band = plot.Add.FillY(xs, StepYs(points, p => p.CiLow), StepYs(points, p => p.CiHigh));
        band.FillColor = color.WithAlpha(0.18);
        band.LineWidth = 0;
        band.LegendText = "";

        var curve = plot.Add.ScatterLine(xs, StepYs(points, p => p.Survival), color);
        curve.LineWidth = 4;
        curve.MarkerSize = 0;
        curve.LegendText = $"{group.Name} (n = {group.N:N0})";
    }

    // A KM estimate holds until the next event time, so each point becomes a horizontal run then a vertical drop.
    // Building the steps ourselves lets the band and the curve share exactly the same shape.
    private static double[] StepXs(IReadOnlyList<SurvivalPoint> points)
    {
        var xs = new List<double>(points.Count * 2);
        for (int i = 0; i < points.Count; i++)
        {
            xs.Add(points[i].Day);
            if (i + 1 < points.Count) xs.Add(points[i + 1].Day);
        }
        return [.. xs];
    }

    private static double[] StepYs(IReadOnlyList<SurvivalPoint> points, Func<SurvivalPoint, double> value)
    {
        var ys = new List<double>(points.Count * 2);
        for (int i = 0; i < points.Count; i++)
        {
            double percent = 100 * Math.Clamp(value(points[i]), 0, 1);
            ys.Add(percent);
            if (i + 1 < points.Count) ys.Add(percent);
        }
        return [.. ys];
    }

    // The legend goes inside, lower left, when every band stays clear of that corner (the usual case: curves start
    // at 100 % and fall slowly); otherwise it moves outside so it never hides a curve.
    private static void PlaceLegend(Plot plot, IReadOnlyList<SurvivalGroup> groups)
    {
        double first = groups.Min(g => g.Points.Min(p => p.Day));
        double last = groups.Max(g => g.Points.Max(p => p.Day));
        double cornerEnd = first + 0.45 * (last - first);
        double lowestInCorner = groups.Min(g => g.Points.Where(p => p.Day <= cornerEnd).Select(p => Math.Min(p.CiLow, p.Survival)).DefaultIfEmpty(1).Min());
        if (lowestInCorner >= 0.3) plot.ShowLegend(Alignment.LowerLeft);
        else plot.ShowLegend(Edge.Right);
    }

    private static string Caption(SurvivalChartData data, IReadOnlyList<SurvivalGroup> groups)
    {
        string sizes = string.Join(", ", groups.Select(g => $"{g.Name} {g.N:N0}"));
        string landmark = data.LandmarkDays is int days ? $"; landmark {days} days" : "";
        return $"n = {groups.Sum(g => g.N):N0} ({sizes}). {data.Method}{landmark}.";
    }
}
