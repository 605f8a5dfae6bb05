namespace SkillsLedger.Charts.Tests;

public class ChartTests
{
    private static readonly ChartSize Slide = ChartSize.Slide;

    [Fact]
    public void Survival_renders_curves_bands_legend_and_caption()
    {
        var data = SampleData.Survival();
        var chart = SurvivalChart.Render(data);
        ChartAssert.Valid(chart, Slide, data.Title);
        string text = ChartAssert.SvgText(chart.Svg);
        Assert.Contains("Learners (n = 412)", text);
        Assert.Contains("Days since landmark", text);
        Assert.Contains("Still employed (%)", text);
        Assert.Contains("Kaplan–Meier, 95 % log(−log) intervals; landmark 90 days", text);
    }

    [Fact]
    public void Growth_renders_bars_with_n_under_labels()
    {
        var data = SampleData.Growth();
        var chart = GrowthChart.Render(data);
        ChartAssert.Valid(chart, Slide, data.Title);
        string text = ChartAssert.SvgText(chart.Svg);
        Assert.Contains("n = 412", text);
        Assert.Contains("n = 1,618", text);
        Assert.Contains("Mean growth (levels per year)", text);
    }

    [Fact]
    public void Growth_handles_negative_means()
    {
        var data = SampleData.GrowthThreeWithNegative();
        ChartAssert.Valid(GrowthChart.Render(data), Slide, data.Title);
    }

    [Fact]
    public void Roi_renders_grouped_bars_with_currency_and_legend()
    {
        var data = SampleData.Roi();
        var chart = RoiChart.Render(data);
        ChartAssert.Valid(chart, Slide, data.Title);
        string text = ChartAssert.SvgText(chart.Svg);
        Assert.Contains("EUR per year", text);
        Assert.Contains("Retention benefit", text);
        Assert.Contains("Data literacy", text);
    }

    [Fact]
    public void Gap_heatmap_annotates_small_grids()
    {
        var data = SampleData.Gaps();
        var chart = GapHeatmap.Render(data);
        ChartAssert.Valid(chart, Slide, data.Title);
        string text = ChartAssert.SvgText(chart.Svg);
        Assert.Contains("Mean gap (levels)", text);
        Assert.Contains("Stakeholder management", text);
        Assert.Contains("Customer Success", text);
        Assert.Contains("2.5", text.Split('\n')); // Finance × Stakeholder management: (0·7 + 2·5) % 11 / 4
    }

    [Fact]
    public void Gap_heatmap_annotates_large_grids_at_a_readable_size()
    {
        // 300 cells: the values are written too (issue 14: a heatmap without values cannot be read off a slide), and the
        // slide rule still holds (nothing under 16 px).
        var data = SampleData.LargeGaps();
        var chart = GapHeatmap.Render(data);
        ChartAssert.Valid(chart, Slide, data.Title);
        var lines = ChartAssert.SvgText(chart.Svg).Split('\n');
        Assert.True(lines.Length > 300, $"{lines.Length} text elements");
    }

    public static TheoryData<int, int> Sizes => new() { { 1600, 900 }, { 1920, 1080 }, { 1200, 675 }, { 3200, 1800 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_chart_honours_the_requested_size(int width, int height)
    {
        var size = new ChartSize(width, height);
        ChartAssert.Valid(SurvivalChart.Render(SampleData.Survival(), size), size, SampleData.Survival().Title);
        ChartAssert.Valid(GrowthChart.Render(SampleData.Growth(), size), size, SampleData.Growth().Title);
        ChartAssert.Valid(RoiChart.Render(SampleData.Roi(), size), size, SampleData.Roi().Title);
        ChartAssert.Valid(GapHeatmap.Render(SampleData.Gaps(), size), size, SampleData.Gaps().Title);
    }

    [Fact]
    public void Empty_inputs_render_no_data_instead_of_throwing()
    {
        ChartAssert.SaysNoData(SurvivalChart.Render(new SurvivalChartData("Retention", [])), Slide, "Retention");
        ChartAssert.SaysNoData(SurvivalChart.Render(new SurvivalChartData("Retention", [new("Learners", 0, [])])), Slide, "Retention");
        ChartAssert.SaysNoData(GrowthChart.Render(new GrowthChartData("Growth", [])), Slide, "Growth");
        ChartAssert.SaysNoData(RoiChart.Render(new RoiChartData("ROI", "EUR", [])), Slide, "ROI");
        ChartAssert.SaysNoData(GapHeatmap.Render(new GapHeatmapData("Gaps", [])), Slide, "Gaps");
    }

    [Fact]
    public void Too_small_a_size_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GrowthChart.Render(SampleData.Growth(), new ChartSize(200, 100)));
    }

    [Fact]
    public void Charts_use_a_sans_family_installed_here()
    {
        // DejaVu Sans comes from fonts-dejavu-core; when it is installed, it must be the one picked.
        if (File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
            Assert.Equal("DejaVu Sans", ChartFonts.Family);
        Assert.True(ChartFonts.IsPreferredFamilyAvailable, $"no preferred sans font installed; charts fall back to {ChartFonts.Family}");
        Assert.Contains($"font-family=\"{ChartFonts.Family}, Arial, Helvetica, sans-serif\"", GrowthChart.Render(SampleData.Growth()).Svg);
    }

    [Fact]
    public void Money_labels_are_compact()
    {
        Assert.Equal("180k", RoiChart.Compact(180_000));
        Assert.Equal("1.5M", RoiChart.Compact(1_500_000));
        Assert.Equal("−20k", RoiChart.Compact(-20_000));
        Assert.Equal("950", RoiChart.Compact(950));
    }

    [Fact]
    public void The_gap_heatmap_tells_not_required_from_suppressed_and_writes_every_value()
    {
        var text = ChartAssert.SvgText(GapHeatmap.Render(SampleData.Gaps()).Svg);
        // Both states in the legend and in their cells, by label as well as by colour.
        Assert.Contains("not in the role profile", text);
        Assert.Contains("fewer than 5 people: suppressed", text);
        Assert.Contains("< 5", text.Replace("fewer than 5 people: suppressed", ""));
        Assert.Contains(GapHeatmap.NotRequiredLabel, text);
        Assert.Contains("report date 5 December 2026", text);
        // 300 cells (20 teams × 15 skills): every value written, smaller, instead of none.
        var large = ChartAssert.SvgText(GapHeatmap.Render(SampleData.LargeGaps()).Svg);
        var values = System.Text.RegularExpressions.Regex.Matches(large, @"\b\d\.\d\b").Count;
        Assert.True(values >= 300, $"only {values} cell values in the large heatmap");
    }

    [Fact]
    public void The_survival_chart_fits_its_axis_marks_the_horizon_and_shows_who_is_at_risk()
    {
        var data = SampleData.SurvivalFive();
        var chart = SurvivalChart.Render(data);
        ChartAssert.Valid(chart, Slide, data.Title);
        var text = ChartAssert.SvgText(chart.Svg);
        // Curves between ~70 % and 100 %: the axis does not start at 0, and says so.
        Assert.Matches(@"axis starts at [1-9]0 %", text);
        Assert.Contains("12-month horizon", text);
        // A number-at-risk row per group, under the day ticks: the first group's count at day 0 is its n.
        Assert.Contains("Number at risk", text);
        Assert.Contains("900", text.Split('\n'));
        Assert.Equal(900, SurvivalChart.AtRiskAt(data.Groups[0], 0));
        // Five groups: no interval bands (they blur), and the caption says so; no two groups in blue and sky blue.
        Assert.Contains("Interval bands not drawn for more than 3 groups", text);
        var colours = Enumerable.Range(0, 5).Select(SurvivalChart.ColorOf).ToList();
        Assert.Equal(5, colours.Distinct().Count());
        Assert.DoesNotContain(ChartStyle.SkyBlue, colours);
    }

    [Fact]
    public void The_survival_charts_horizon_label_clears_the_title_and_the_last_at_risk_row_clears_the_caption()
    {
        // Both were drawn on top of each other before (the label at the line's top end, in the title's band; the last
        // group's name under its at-risk row reaching into the caption line).
        var data = SampleData.Survival();
        var svg = ChartAssert.ParseSvg(SurvivalChart.Render(data).Svg);
        var title = ChartAssert.Band(ChartAssert.Text(svg, data.Title));
        var horizon = ChartAssert.Band(ChartAssert.Text(svg, "12-month horizon"));
        Assert.True(horizon.Top > title.Bottom, $"the horizon label ({horizon}) overlaps the title ({title})");
        // Its line is named in the legend, with the groups.
        var legend = ChartAssert.Band(ChartAssert.TextStartingWith(svg, "Non-learners (n = 618)"));
        Assert.InRange(horizon.Top - legend.Top, 10, 60);

        var lastGroup = ChartAssert.Band(ChartAssert.Text(svg, "Non-learners"));
        var caption = ChartAssert.Band(ChartAssert.TextStartingWith(svg, "n = 1,030"));
        Assert.True(lastGroup.Bottom <= caption.Top, $"the last at-risk row's name ({lastGroup}) reaches into the caption ({caption})");
    }

    [Fact]
    public void The_survival_legend_leaves_the_plot_when_a_curve_runs_through_its_corner_of_the_fitted_axis()
    {
        // Leavers drop to 45 % within 50 days and stay there: the axis starts at 40 %, so a legend in the lower left
        // (three rows, the horizon's among them) would sit on their curve, although 45 % is far above a fixed 30 %.
        static SurvivalGroup Flat(string name, int n, double level) => new(name, n,
            [new(0, 1, 1, 1, n), new(50, level, level - 0.02, level + 0.02, n / 2), new(700, level, level - 0.02, level + 0.02, n / 3)]);
        var low = new SurvivalChartData("Retention", [Flat("Leavers", 200, 0.45), Flat("Stayers", 300, 0.95)], HorizonDays: 365.25);
        var outside = ChartAssert.ParseSvg(SurvivalChart.Render(low).Svg);
        Assert.True(ChartAssert.Left(ChartAssert.Text(outside, "Leavers (n = 200)")) > Slide.Width * 0.7, "the legend stays outside the data area");

        // The usual case (curves from 100 % falling slowly) keeps it inside, lower left.
        var inside = ChartAssert.ParseSvg(SurvivalChart.Render(SampleData.Survival()).Svg);
        Assert.True(ChartAssert.Left(ChartAssert.Text(inside, "Learners (n = 412)")) < Slide.Width * 0.3);
    }

    [Fact]
    public void Negative_tick_labels_carry_a_real_minus_sign()
    {
        Assert.Equal("−0.5", (-0.5).ToString("#,0.##", ChartWords.English.Numbers));
        Assert.Equal("−1.234,5", (-1234.5).ToString("#,0.##", ChartWords.Dutch.Numbers));
    }

    [Fact]
    public void A_heatmap_whose_every_cell_is_suppressed_still_renders_its_states()
    {
        // A small organisation: every team has fewer people than the minimum (the demo with 20 people).
        var data = new GapHeatmapData("Gaps", [new GapCell("A", "sql", double.NaN, Suppressed: true), new GapCell("B", "sql", double.NaN, Suppressed: true)]);
        var text = ChartAssert.SvgText(GapHeatmap.Render(data).Svg);
        Assert.Contains("< 5", text);
    }
}
