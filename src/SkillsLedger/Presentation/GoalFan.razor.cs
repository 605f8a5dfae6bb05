using SkillsLedger.Charts;
using SkillsLedger.Strategy;

namespace SkillsLedger.Presentation;

public partial class GoalFan
{
    public static string Title(GoalView goal, TargetView target) => $"{goal.Name}: {target.Skill} ≥ {target.Level:0.##}";

    /// <summary>The fan chart of one target, in this language.</summary>
    public static RenderedChart Render(GoalView goal, TargetView target, IFigureFormat f)
    {
        var fc = target.Forecast;
        return SupplyFanChart.Render(new SupplyFanChartData(Title(goal, target),
            target.Trend.Select(p => new SupplyHistoryPoint(p.Month, p.Supply)).ToList(), target.Trend[^1].Month,
            new SupplyFan(fc.DueDate, fc.Median, fc.Interval80.Low, fc.Interval80.High, fc.Interval95.Low, fc.Interval95.High), target.Headcount,
            f.L("People at or above the target level", "Medewerkers op of boven het doelniveau"), f.L("Target", "Doel"),
            f.L("Line: supply each month · dark band: 80 % interval · light band: 95 % interval · dashed: target headcount",
                "Lijn: aanbod per maand · donkere band: 80%-interval · lichte band: 95%-interval · gestreept: gevraagd aantal"), f.ChartWords));
    }

    /// <summary>What the fan shows, with n.</summary>
    public static string Caption(TargetView t, IFigureFormat f) => f.L(
        $"n = {f.People(t.InScope)} in scope now, {f.Count(t.Supply)} of them at or above the level; {f.Count(t.Headcount)} needed by {f.Date(t.Forecast.DueDate)}. " +
        $"Chance of meeting the target: {f.Share(t.Forecast.ProbabilityMeet)}. Fan: 80 % and 95 % intervals of the simulated supply at the due date.",
        $"n = {f.People(t.InScope)} nu binnen de reikwijdte, {f.Count(t.Supply)} van hen op of boven het niveau; {f.Count(t.Headcount)} nodig op {f.Date(t.Forecast.DueDate)}. " +
        $"Kans dat het doel gehaald wordt: {f.Share(t.Forecast.ProbabilityMeet)}. Waaier: 80%- en 95%-intervallen van het gesimuleerde aanbod op de streefdatum.");
}
