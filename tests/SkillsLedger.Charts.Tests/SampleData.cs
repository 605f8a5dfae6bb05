namespace SkillsLedger.Charts.Tests;

/// <summary>Realistic inputs (deterministic) shaped like what the analytics produce for an L&amp;D deck.</summary>
internal static class SampleData
{
    public static SurvivalChartData Survival() => new(
        "Retention after the leadership programme",
        [KmGroup("Learners", 412, hazard: 0.00045, seed: 1), KmGroup("Non-learners", 618, hazard: 0.0009, seed: 2)],
        LandmarkDays: 90, HorizonDays: 365.25);

    /// <summary>Five groups, as the demo's report has: no bands, distinct colours, at-risk rows.</summary>
    public static SurvivalChartData SurvivalFive() => new(
        "Share still employed after the 90-day landmark, by first programme",
        [KmGroup("No course", 900, 0.0003, 3), KmGroup("cloud-bootcamp", 300, 0.0002, 4), KmGroup("data-academy", 250, 0.00035, 5),
         KmGroup("leadership-academy", 120, 0.0004, 6), KmGroup("sales-excellence", 80, 0.0005, 7)],
        LandmarkDays: 90, HorizonDays: 365.25);

    // A plausible KM curve: exponential-ish survival with events at irregular days and a log(−log)-shaped interval
    // that widens as fewer people remain at risk.
    private static SurvivalGroup KmGroup(string name, int n, double hazard, int seed)
    {
        var random = new Random(seed);
        var points = new List<SurvivalPoint> { new(0, 1, 1, 1, n) };
        double day = 0;
        while (day < 700)
        {
            day += 5 + random.Next(30);
            double s = Math.Exp(-hazard * day);
            double atRisk = n * s * (1 - day / 1000);
            double se = Math.Sqrt((1 - s) / Math.Max(atRisk, 1)) / Math.Max(-Math.Log(s), 1e-9);
            double z = 1.959964 * Math.Min(se, 5);
            points.Add(new SurvivalPoint(day, s, Math.Pow(s, Math.Exp(z)), Math.Pow(s, Math.Exp(-z)), (int)Math.Round(atRisk)));
        }
        return new SurvivalGroup(name, n, points);
    }

    public static GrowthChartData Growth() => new(
        "Skill growth with and without the programme",
        [new("Programme", 412, 0.62, 0.51, 0.73), new("No programme", 1_618, 0.31, 0.26, 0.36)]);

    public static GrowthChartData GrowthThreeWithNegative() => new(
        "Skill growth by track",
        [new("Mentoring", 120, 0.45, 0.20, 0.70), new("E-learning only", 340, 0.08, -0.05, 0.21), new("Nothing", 900, -0.12, -0.20, -0.04)]);

    public static RoiChartData Roi() => new(
        "Programme cost against benefits",
        "EUR",
        [
            new("Leadership", 180_000, new(240_000, 160_000), new(120_000, 70_000)),
            new("Data literacy", 95_000, new(150_000, 40_000), new(80_000, 15_000)),
        ],
        Caption: "Benefits: performance uplift and avoided replacement cost; conservative = lower 95 % bounds");

    public static RoiChartData RoiSingle() => new(
        "Leadership programme: cost against benefits", "EUR",
        [new("Leadership", 180_000, new(240_000, 160_000), new(120_000, 70_000))]);

    public static readonly string[] Teams = ["Finance", "Sales EMEA", "Sales Americas", "Engineering", "Customer Success", "HR"];
    public static readonly string[] Skills = ["Negotiation", "SQL", "Stakeholder management", "Python", "Coaching", "Forecasting", "Presenting"];

    public static GapHeatmapData Gaps()
    {
        var cells = new List<GapCell>();
        for (int t = 0; t < Teams.Length; t++)
            for (int s = 0; s < Skills.Length; s++)
                if ((t, s) == (4, 1)) // Customer Success has SQL in its profile but fewer than 5 people: suppressed
                    cells.Add(new GapCell(Teams[t], Skills[s], double.NaN, Suppressed: true));
                else if ((t, s) != (5, 3)) // HR's role profiles do not include Python: not required
                    cells.Add(new GapCell(Teams[t], Skills[s], Math.Round(((t * 7 + s * 5) % 11) / 4.0, 2)));
        return new GapHeatmapData("Mean skill gap by team", cells, Caption: "Mean of target − level over current members; report date 5 December 2026");
    }

    public static GapHeatmapData LargeGaps()
    {
        var cells = new List<GapCell>();
        for (int t = 0; t < 20; t++)
            for (int s = 0; s < 15; s++)
                cells.Add(new GapCell($"Team {t + 1:00}", $"Skill {s + 1:00}", ((t * 3 + s * 7) % 13) / 5.0));
        return new GapHeatmapData("Mean skill gap, all teams", cells);
    }
}
