namespace SkillsLedger.Charts.Tests;

public class ForestPlotChartTests
{
    private static ForestPlotData Data() => new("Which formats move skills",
    [
        new("coaching", 10.7, 0.4, 21.0, 12),
        new("online", 0.8, -0.1, 1.8, 263),
    ], "Level gain beyond comparable colleagues (points of the skill's scale)");

    [Fact]
    public void Each_group_is_labelled_with_its_n_and_intervals_crossing_zero_are_marked()
    {
        var data = Data();
        var chart = ForestPlotChart.Render(data);
        ChartAssert.Valid(chart, ChartSize.Slide, data.Title);
        var text = ChartAssert.SvgText(chart.Svg);
        Assert.Contains("coaching (n = 12)", text);
        Assert.Contains("online (n = 263) n.s.", text);
        Assert.DoesNotContain("coaching (n = 12) n.s.", text);
        Assert.Contains("points of the skill", text);
    }

    [Fact]
    public void No_rows_says_no_data() =>
        Assert.Contains("No data", ChartAssert.SvgText(ForestPlotChart.Render(Data() with { Rows = [] }).Svg));
}
