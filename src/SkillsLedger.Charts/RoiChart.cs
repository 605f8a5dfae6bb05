using System.Globalization;
using ScottPlot;

namespace SkillsLedger.Charts;

/// <summary>Monetised benefits of one scenario, in the chart's currency per period.</summary>
public sealed record RoiBenefits(double Performance, double Retention)
{
    public double Total => Performance + Retention;
}

/// <summary>One programme: its cost and its benefits under the expected and the conservative scenario.</summary>
public sealed record RoiProgramme(string Name, double Cost, RoiBenefits Expected, RoiBenefits Conservative);

/// <summary>Input of <see cref="RoiChart"/>; the y axis reads "<paramref name="Currency"/> <paramref name="Period"/>", e.g. "EUR per year".</summary>
public sealed record RoiChartData(
    string Title,
    string Currency,
    IReadOnlyList<RoiProgramme> Programmes,
    string Period = "per year",
    string? Caption = null,
    ChartWords? Words = null);

/// <summary>
/// Per programme, three bars side by side: cost, expected benefit, conservative benefit. Benefit bars are stacked
/// (performance below, retention above) so each bar's height is directly comparable with the cost bar.
/// </summary>
public static class RoiChart
{
    private static readonly Color CostColor = ChartStyle.Vermillion;
    private static readonly Color PerformanceColor = ChartStyle.Blue;
    private static readonly Color RetentionColor = ChartStyle.BluishGreen;
    private const double BarWidth = 0.8;
    private const int SlotsPerProgramme = 4; // cost, expected, conservative, gap

    public static RenderedChart Render(RoiChartData data, ChartSize? size = null)
    {
        size ??= ChartSize.Slide;
        size.Validate();
        var words = data.Words ?? ChartWords.English;
        if (data.Programmes.Count == 0) return ChartStyle.NoData(data.Title, size, words);

        var plot = ChartStyle.NewPlot(data.Title, size);
        float scale = ChartStyle.Scale(size);
        for (int p = 0; p < data.Programmes.Count; p++)
            AddProgramme(plot, data.Programmes[p], p * SlotsPerProgramme, scale, words);

        plot.YLabel($"{data.Currency} {data.Period}");
        var left = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = v => Compact(v, words.Numbers) };
        plot.Axes.Left.TickGenerator = left;
        plot.Grid.XAxisStyle.IsVisible = false;
        SetLimits(plot, data.Programmes);
        SetBarTicks(plot, data.Programmes.Count, size, words);
        AddProgrammeAxis(plot, data.Programmes, size);
        ShowLegend(plot, words);
        if (!string.IsNullOrWhiteSpace(data.Caption)) ChartStyle.AddCaption(plot, data.Caption, size);
        return ChartStyle.Export(plot, size);
    }

    private static void AddProgramme(Plot plot, RoiProgramme programme, double start, float scale, ChartWords words)
    {
        AddBar(plot, start, 0, programme.Cost, CostColor);
        AddBenefitBar(plot, start + 1, programme.Expected, lighten: 0);
        // The conservative scenario uses the same hues, lighter, so the legend needs only three entries.
        AddBenefitBar(plot, start + 2, programme.Conservative, lighten: 0.45);

        float fontSize = ChartStyle.AnnotationSize * scale;
        AddValueLabel(plot, start, programme.Cost, Compact(programme.Cost, words.Numbers), fontSize);
        AddValueLabel(plot, start + 1, programme.Expected.Total, WithRatio(programme.Expected.Total, programme.Cost, words), fontSize);
        AddValueLabel(plot, start + 2, programme.Conservative.Total, WithRatio(programme.Conservative.Total, programme.Cost, words), fontSize);
    }

    private static void AddBenefitBar(Plot plot, double position, RoiBenefits benefits, double lighten)
    {
        AddBar(plot, position, 0, benefits.Performance, PerformanceColor.Lighten(lighten));
        AddBar(plot, position, benefits.Performance, benefits.Total, RetentionColor.Lighten(lighten));
    }

    private static void AddBar(Plot plot, double position, double from, double to, Color color)
    {
        var bar = new Bar { Position = position, ValueBase = from, Value = to, Size = BarWidth, FillColor = color, LineWidth = 0 };
        plot.Add.Bar(bar);
    }

    // The total on top of each bar, and for benefits the benefit-to-cost ratio, which is what the deck's reader asks first.
    private static void AddValueLabel(Plot plot, double position, double value, string text, float fontSize) =>
        ChartStyle.AddText(plot, text, position, Math.Max(value, 0), fontSize, ChartStyle.Black, Alignment.LowerCenter)
            .OffsetY = -6;

    private static string WithRatio(double benefit, double cost, ChartWords words) =>
        cost > 0 ? $"{Compact(benefit, words.Numbers)}\n{(benefit / cost).ToString("0.0", words.Numbers)}{words.TimesCost}" : Compact(benefit, words.Numbers);

    /// <summary>Short money numbers (12.5k, 1.2M) so tick and bar labels stay narrow.</summary>
    internal static string Compact(double value, NumberFormatInfo? numbers = null)
    {
        numbers ??= CultureInfo.InvariantCulture.NumberFormat;
        double abs = Math.Abs(value);
        string text = abs switch
        {
            >= 1e9 => (value / 1e9).ToString("0.#", numbers) + "B",
            >= 1e6 => (value / 1e6).ToString("0.#", numbers) + "M",
            >= 1e3 => (value / 1e3).ToString("0.#", numbers) + "k",
            _ => value.ToString("0.#", numbers),
        };
        return text.Replace("-", "−");
    }

    private static void SetLimits(Plot plot, IReadOnlyList<RoiProgramme> programmes)
    {
        double high = programmes.Max(p => Math.Max(p.Cost, Math.Max(p.Expected.Total, p.Conservative.Total)));
        double low = Math.Min(0, programmes.Min(p => Math.Min(p.Expected.Performance, p.Expected.Retention)));
        // Head room for the two-line value labels above the tallest bar.
        // A full slot of margin on each side: the last programme's conservative label ("Conservative benefit", or a
        // two-line value such as "1.2M / 12.3× cost") is wider than its bar and was cut off at the right edge.
        plot.Axes.SetLimits(-1, (programmes.Count - 1) * SlotsPerProgramme + 3, low, Math.Max(high, 1) * 1.22);
    }

    // The axis under the bars names what each bar is; the programme names go on a second axis below it.
    private static void SetBarTicks(Plot plot, int programmeCount, ChartSize size, ChartWords words)
    {
        var positions = new List<double>();
        var labels = new List<string>();
        // With several programmes the bars get narrow: "Conservative" would run into its neighbours, so abbreviate.
        float tickSize = ChartStyle.TickSize * ChartStyle.Scale(size);
        double slotPixels = size.Width * 0.7 / ((programmeCount - 1) * SlotsPerProgramme + 4.0);
        string[] names = ChartFonts.MeasureWidth(words.ConservativeBenefit.Split('\n')[0], tickSize) < slotPixels * 0.95
            ? [words.Cost, words.ExpectedBenefit, words.ConservativeBenefit]
            : [words.CostShort, words.ExpectedShort, words.ConservativeShort];
        for (int p = 0; p < programmeCount; p++)
        {
            double start = p * SlotsPerProgramme;
            positions.AddRange([start, start + 1, start + 2]);
            labels.AddRange(names);
        }
        plot.Axes.Bottom.SetTicks([.. positions], [.. labels]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
    }

    private static void AddProgrammeAxis(Plot plot, IReadOnlyList<RoiProgramme> programmes, ChartSize size)
    {
        var axis = plot.Axes.AddBottomAxis();
        axis.SetTicks(
            [.. Enumerable.Range(0, programmes.Count).Select(p => p * SlotsPerProgramme + 1.0)],
            [.. programmes.Select(p => p.Name)]);
        axis.TickLabelStyle.FontSize = ChartStyle.AxisLabelSize * ChartStyle.Scale(size);
        axis.TickLabelStyle.Bold = true;
        axis.MajorTickStyle.Length = 0;
        axis.MinorTickStyle.Length = 0;
        axis.FrameLineStyle.Width = 0;
        // Same range as the bar axis so each name sits under its own group.
        var limits = plot.Axes.GetLimits();
        plot.Axes.SetLimitsX(limits.Left, limits.Right, axis);
    }

    private static void ShowLegend(Plot plot, ChartWords words)
    {
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = words.Cost, FillColor = CostColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = words.PerformanceBenefit, FillColor = PerformanceColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = words.RetentionBenefit, FillColor = RetentionColor });
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = words.LighterConservative, FillColor = Colors.Transparent });
        plot.ShowLegend(Edge.Right); // outside: inside, it would sit on the tallest bars
    }
}
