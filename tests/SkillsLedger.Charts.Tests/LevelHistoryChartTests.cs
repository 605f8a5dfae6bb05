namespace SkillsLedger.Charts.Tests;

public class LevelHistoryChartTests
{
    // Levels between 2.25 and 3.75: ScottPlot's default axis put a tick every 0.1 level here, written "2.5" in Dutch.
    private static LevelHistoryData Data(ChartWords? words) => new("Levels", [
        new LevelSeries("Data analysis", [(new DateOnly(2025, 1, 1), 2.25), (new DateOnly(2025, 7, 1), 3.0), (new DateOnly(2026, 1, 1), 3.75)])],
        "Level", m => m.ToString("MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), Words: words);

    private static List<string> NumberLabels(RenderedChart chart) =>
        [.. ChartAssert.SvgText(chart.Svg).Split('\n').Where(l => l.Length > 0 && l.All(c => char.IsDigit(c) || c is ',' or '.' or '-' or '−'))];

    [Fact]
    public void The_level_axis_has_a_few_readable_ticks()
    {
        var ticks = NumberLabels(LevelHistoryChart.Render(Data(null)));
        Assert.InRange(ticks.Count, 3, 8);
    }

    [Fact]
    public void Dutch_ticks_use_a_decimal_comma()
    {
        var ticks = NumberLabels(LevelHistoryChart.Render(Data(ChartWords.Dutch)));
        Assert.Contains(ticks, t => t.Contains(','));
        Assert.DoesNotContain(ticks, t => t.Contains('.'));
    }
}
