using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>One Kaplan–Meier estimate: survival and its 95 % interval as proportions in [0, 1], valid from <paramref name="Day"/> until the next point.</summary>
/// <param name="Day">Days since the landmark.</param>
/// <param name="Survival">Share still employed, 0–1.</param>
/// <param name="CiLow">Lower bound of the 95 % interval, 0–1.</param>
/// <param name="CiHigh">Upper bound of the 95 % interval, 0–1.</param>
/// <param name="AtRisk">People still followed at <paramref name="Day"/> (time ≥ Day), when known: the number-at-risk table.
/// Points must then be at every observed time (event or censoring), as our Kaplan–Meier steps are.</param>
public sealed record SurvivalPoint(double Day, double Survival, double CiLow, double CiHigh, int? AtRisk = null);

/// <summary>One group's curve; <paramref name="N"/> is the number at risk at the landmark (shown in the legend).</summary>
public sealed record SurvivalGroup(string Name, int N, IReadOnlyList<SurvivalPoint> Points);

/// <summary>Input of <see cref="SurvivalChart"/>. The caption is built from the group sizes, <paramref name="Method"/> and <paramref name="LandmarkDays"/>.</summary>
public sealed record SurvivalChartData(
    string Title,
    IReadOnlyList<SurvivalGroup> Groups,
    string XLabel = "Days since landmark",
    string YLabel = "Still employed (%)",
    string Method = "Kaplan–Meier, 95 % log(−log) intervals",
    int? LandmarkDays = null,
    double? HorizonDays = null,
    string HorizonLabel = "12-month horizon",
    string AxisStartsAt = "axis starts at",
    string NumberAtRisk = "Number at risk",
    ChartWords? Words = null);

/// <summary>
/// Kaplan–Meier step curves per group, with step-shaped 95 % interval bands while they stay readable (at most
/// <see cref="MaxBandedGroups"/> groups), the horizon the figures quote marked, the y axis fitted to the data (and
/// saying so), and a number-at-risk row per group under the x axis, so thin tails are not read as certain.
/// </summary>
public static class SurvivalChart
{
    /// <summary>More overlapping bands than this blur into each other; the curves are then drawn alone (the caption says so).</summary>
    public const int MaxBandedGroups = 3;

    // Okabe–Ito in an order that keeps the first groups far apart: no two blues until the seventh group.
    private static readonly Color[] Palette =
        [ChartStyle.Blue, ChartStyle.Vermillion, ChartStyle.BluishGreen, ChartStyle.ReddishPurple, ChartStyle.Orange, ChartStyle.Black, ChartStyle.SkyBlue, ChartStyle.Yellow];

    public static Color ColorOf(int group) => Palette[group % Palette.Length];

    public static RenderedChart Render(SurvivalChartData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        var groups = data.Groups.Where(g => g.Points.Count > 0).ToList();
        if (groups.Count == 0) return ChartStyle.NoData(data.Title, size, data.Words);

        var plot = ChartStyle.NewPlot(data.Title, size);
        bool bands = groups.Count <= MaxBandedGroups;
        for (int i = 0; i < groups.Count; i++)
            AddGroup(plot, groups[i], ColorOf(i), bands);

        plot.XLabel(data.XLabel);
        double lastDay = groups.Max(g => g.Points.Max(p => p.Day));
        double firstDay = Math.Min(0, groups.Min(g => g.Points.Min(p => p.Day)));
        // Fitted to the data (curves between 60 % and 100 % would otherwise be squeezed into the top of the chart), to
        // the next 10 % below the lowest value drawn; the axis label says where it starts, so drops are not exaggerated unseen.
        double lowest = groups.Min(g => g.Points.Min(p => bands ? Math.Min(p.CiLow, p.Survival) : p.Survival));
        double bottom = Math.Max(0, Math.Floor(lowest * 10 - 1e-9) * 10);
        plot.YLabel(bottom > 0 ? $"{data.YLabel}, {data.AxisStartsAt} {bottom:0} %" : data.YLabel);
        plot.Axes.SetLimits(firstDay, lastDay + (lastDay - firstDay) * 0.02, bottom, 102);
        var yTicks = Enumerable.Range(0, 11).Select(k => k * 10.0).Where(v => v >= bottom).ToArray();
        plot.Axes.Left.SetTicks(yTicks, [.. yTicks.Select(v => v.ToString("0", System.Globalization.CultureInfo.InvariantCulture))]);
        bool horizonDrawn = data.HorizonDays is double horizon && horizon > firstDay && horizon <= lastDay * 1.02;
        if (horizonDrawn)
        {
            var line = plot.Add.VerticalLine(data.HorizonDays!.Value, 2, ChartStyle.Grey, LinePattern.Dashed);
            // Named in the legend (a dashed grey line beside its words): a label at the line's end sat on the chart's
            // title above the plot, and under it on the day ticks and at-risk rows.
            line.LegendText = data.HorizonLabel;
        }
        var ticks = TickDays(firstDay, lastDay);
        plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(d => d.ToString("0", System.Globalization.CultureInfo.InvariantCulture))]);
        if (groups.All(g => g.Points.All(p => p.AtRisk is not null))) AddAtRiskRows(plot, groups, ticks, size, data.NumberAtRisk);
        plot.Legend.SymbolWidth = 48; // long enough to show the horizon's dashes as dashes
        var entries = groups.Select(LegendText).Concat(horizonDrawn ? [data.HorizonLabel] : []).ToList();
        PlaceLegend(plot, groups, entries, bands, bottom, size);
        ChartStyle.AddCaption(plot, Caption(data, groups, bands), size);
        return ChartStyle.Export(plot, size);
    }

    /// <summary>Every 6 months (182.625 days) over the range, or every 3 months when it is short.</summary>
    private static double[] TickDays(double first, double last)
    {
        double step = last - first > 540 ? 182.625 : 91.3125;
        var days = new List<double>();
        for (double d = Math.Ceiling(first / step) * step; d <= last + 1e-9; d += step) days.Add(Math.Round(d));
        return [.. days];
    }

    /// <summary>People still followed at each tick: the first step at or after it (steps are at every observed time).</summary>
    public static int AtRiskAt(SurvivalGroup group, double day) =>
        group.Points.OrderBy(p => p.Day).FirstOrDefault(p => p.Day >= day - 1e-9)?.AtRisk ?? 0;

    // One extra bottom axis per group: its tick labels are the numbers at risk under the day ticks, its label names the group.
    private static void AddAtRiskRows(Plot plot, IReadOnlyList<SurvivalGroup> groups, double[] ticks, ChartSize size, string numberAtRisk)
    {
        var limits = plot.Axes.GetLimits();
        float fontSize = ChartStyle.TickSize * ChartStyle.Scale(size);
        for (int i = 0; i < groups.Count; i++)
        {
            var axis = plot.Axes.AddBottomAxis();
            axis.SetTicks(ticks, [.. ticks.Select(t => AtRiskAt(groups[i], t).ToString("N0", System.Globalization.CultureInfo.InvariantCulture))]);
            axis.TickLabelStyle.FontSize = fontSize;
            axis.TickLabelStyle.ForeColor = ColorOf(i);
            axis.LabelText = i == 0 ? $"{numberAtRisk} — {groups[i].Name}" : groups[i].Name;
            axis.LabelFontSize = fontSize;
            axis.LabelStyle.Bold = false;
            axis.LabelFontColor = ColorOf(i);
            axis.MajorTickStyle.Length = 0;
            axis.MinorTickStyle.Length = 0;
            axis.FrameLineStyle.Width = 0;
            plot.Axes.SetLimitsX(limits.Left, limits.Right, axis);
        }
    }

    private static string LegendText(SurvivalGroup group) => $"{group.Name} (n = {group.N:N0})";

    private static void AddGroup(Plot plot, SurvivalGroup group, Color color, bool band)
    {
        var points = group.Points.OrderBy(p => p.Day).ToList();
        double[] xs = StepXs(points);
        // The band goes in first so the curve is drawn on top of it.
        if (band)
        {
            var fill = plot.Add.FillY(xs, StepYs(points, p => p.CiLow), StepYs(points, p => p.CiHigh));
            fill.FillColor = color.WithAlpha(0.18);
            fill.LineWidth = 0;
            fill.LegendText = "";
        }

        var curve = plot.Add.ScatterLine(xs, StepYs(points, p => p.Survival), color);
        curve.LineWidth = 4;
        curve.MarkerSize = 0;
        curve.LegendText = LegendText(group);
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

    // The legend goes inside, lower left, when no curve (or band, when drawn) comes into the corner it covers;
    // otherwise it moves outside so it never hides a curve. Its size is estimated from its entries before ScottPlot
    // lays it out (a row is 1.45 em, a character about 0.6 em; the data area is the picture less the title, the axis,
    // one at-risk row per group and the caption), measured against the fitted axis, not against 0–100 %.
    private static void PlaceLegend(Plot plot, IReadOnlyList<SurvivalGroup> groups, IReadOnlyList<string> entries, bool bands, double bottom, ChartSize size)
    {
        double scale = ChartStyle.Scale(size), em = ChartStyle.LegendSize * scale;
        double legendWidth = plot.Legend.SymbolWidth + 36 * scale + entries.Max(e => e.Length) * 0.6 * em;
        double legendHeight = entries.Count * 1.45 * em + 16 * scale;
        double dataWidth = size.Width - 120 * scale;
        double dataHeight = size.Height - (180 + 61 * groups.Count) * scale;
        double first = groups.Min(g => g.Points.Min(p => p.Day));
        double last = groups.Max(g => g.Points.Max(p => p.Day));
        double cornerEnd = first + Math.Min(1, legendWidth / dataWidth + 0.03) * (last - first);
        double cornerTop = bottom + Math.Min(1, legendHeight / dataHeight + 0.03) * (102 - bottom);
        double lowestInCorner = groups.Min(g => g.Points.Where(p => p.Day <= cornerEnd)
            .Select(p => 100 * (bands ? Math.Min(p.CiLow, p.Survival) : p.Survival)).DefaultIfEmpty(100).Min());
        if (lowestInCorner >= cornerTop) plot.ShowLegend(Alignment.LowerLeft);
        else plot.ShowLegend(Edge.Right);
    }

    private static string Caption(SurvivalChartData data, IReadOnlyList<SurvivalGroup> groups, bool bands)
    {
        string landmark = data.LandmarkDays is int days ? $"; landmark {days} days" : "";
        string noBands = bands ? "" : $" Interval bands not drawn for more than {MaxBandedGroups} groups (they overlap).";
        // Group sizes are in the legend and the at-risk rows; with them the caption would run off a slide.
        string sizes = groups.Count <= MaxBandedGroups ? $" ({string.Join(", ", groups.Select(g => $"{g.Name} {g.N:N0}"))})" : "";
        return $"n = {groups.Sum(g => g.N):N0}{sizes}. {data.Method}{landmark}.{noBands}";
    }
}
