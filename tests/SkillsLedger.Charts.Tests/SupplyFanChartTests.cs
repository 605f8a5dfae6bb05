namespace SkillsLedger.Charts.Tests;

public class SupplyFanChartTests
{
    private static SupplyFanChartData Data() => new(
        "Data analysis ≥ 3, whole organisation",
        Enumerable.Range(0, 24).Select(i => new SupplyHistoryPoint(new DateOnly(2024, 12, 1).AddMonths(i), 400 + 5 * i)).ToList(),
        new DateOnly(2026, 11, 30), new SupplyFan(new DateOnly(2027, 11, 30), 551, 527, 576, 515, 589), 575);

    [Fact]
    public void Fan_shows_the_target_the_forecast_interval_and_the_due_date()
    {
        var data = Data();
        var chart = SupplyFanChart.Render(data);
        ChartAssert.Valid(chart, ChartSize.Slide, data.Title);
        var text = ChartAssert.SvgText(chart.Svg);
        Assert.Contains("Target: 575", text);
        Assert.Contains("551 (527–576)", text);
        Assert.Contains("30 Nov 2027", text);
        Assert.Contains("People at or above the target level", text);
    }

    [Fact]
    public void No_history_says_no_data()
    {
        var chart = SupplyFanChart.Render(Data() with { History = [] });
        Assert.Contains("No data", ChartAssert.SvgText(chart.Svg));
    }
}
