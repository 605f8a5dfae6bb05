namespace SkillsLedger.Charts.Tests;

/// <summary>
/// Writes every sample chart as PNG and SVG so a person can look at them. The folder is
/// $SKILLSLEDGER_CHART_SAMPLES when set, otherwise chart-samples/ next to the test binaries.
/// </summary>
public class SampleWriter
{
    [Fact]
    public void Write_samples()
    {
        string dir = Environment.GetEnvironmentVariable("SKILLSLEDGER_CHART_SAMPLES") is { Length: > 0 } d
            ? d : Path.Combine(AppContext.BaseDirectory, "chart-samples");
        Directory.CreateDirectory(dir);
        var charts = new Dictionary<string, RenderedChart>
        {
            ["survival"] = SurvivalChart.Render(SampleData.Survival()),
            ["survival-five"] = SurvivalChart.Render(SampleData.SurvivalFive()),
            ["growth"] = GrowthChart.Render(SampleData.Growth()),
            ["growth-negative"] = GrowthChart.Render(SampleData.GrowthThreeWithNegative()),
            ["roi"] = RoiChart.Render(SampleData.Roi()),
            ["roi-single"] = RoiChart.Render(SampleData.RoiSingle()),
            ["gap-heatmap"] = GapHeatmap.Render(SampleData.Gaps()),
            ["gap-heatmap-large"] = GapHeatmap.Render(SampleData.LargeGaps()),
            ["no-data"] = SurvivalChart.Render(new SurvivalChartData("Retention after the leadership programme", [])),
        };
        foreach (var (name, chart) in charts)
        {
            File.WriteAllBytes(Path.Combine(dir, name + ".png"), chart.Png);
            File.WriteAllText(Path.Combine(dir, name + ".svg"), chart.Svg);
        }
        Assert.Equal(charts.Count, Directory.GetFiles(dir, "*.png").Select(Path.GetFileNameWithoutExtension).Intersect(charts.Keys).Count());
    }
}
