using System.Globalization;
using System.Text;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Strategy;

/// <summary>The goals' status as plain text, for `skillsledger strategy status` (English).</summary>
public static class StrategyText
{
    private static readonly CultureInfo En = CultureInfo.InvariantCulture;

    public static string Scope(TargetScope? scope) =>
        scope is null ? "whole organisation" : scope.Department is { } d ? $"department {d}" : scope.Role is { } r ? $"role {r}" : $"team {scope.Team}";

    public static string Status(GoalsView view)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Create(En, $"Strategic goals as of {view.AsOf:yyyy-MM-dd HH:mm} UTC (levels: rule {view.Rule}; forecast: {SkillsLedger.Analytics.Strategy.SupplyModel.Simulations:N0} simulation runs, seed {SkillsLedger.Analytics.Strategy.SupplyModel.Seed})"));
        if (view.Goals.Count == 0) text.AppendLine("  no strategic_goal_set recorded yet");
        foreach (var g in view.Goals)
        {
            text.AppendLine(string.Create(En, $"{g.Status.ToUpperInvariant(),-9}  {g.GoalId}: {g.Name}, due {g.DueDate:yyyy-MM-dd}, P(all targets met) = {g.ProbabilityMeet:0.00} (revision {g.Revision})"));
            foreach (var t in g.Targets)
            {
                var f = t.Forecast;
                text.AppendLine(string.Create(En,
                    $"    {t.Skill} ≥ {t.Level} in {Scope(t.Scope)}: {t.Supply} of {t.InScope} people now, {t.Headcount} needed, gap {t.Gap}; " +
                    $"at due date {f.Median} people (80 %: {f.Interval80.Low}–{f.Interval80.High}, 95 %: {f.Interval95.Low}–{f.Interval95.High}), P(meet) = {f.ProbabilityMeet:0.00}"));
            }
            text.AppendLine(string.Create(En,
                $"    learning linked: {string.Join(", ", g.Learning.Programmes.DefaultIfEmpty("none"))}; {g.Learning.Learners:N0} learners, {g.Learning.Hours:N0} h, {g.Learning.TotalCost:N0} {g.Learning.Currency}"));
        }
        var l = view.Learning;
        text.AppendLine(string.Create(En,
            $"Learning linked to a goal: {Share(l.LinkedHoursShare)} of {l.Hours:N0} h and {Share(l.LinkedCostShare)} of {l.TotalCost:N0} {l.Currency} spend (time at {l.LoadedHourlyCost:N0} {l.Currency}/h)"));
        foreach (var u in l.Unlinked)
            text.AppendLine(string.Create(En, $"    unlinked: {u.ProgramId}: {u.TotalCost:N0} {l.Currency}, {u.Hours:N0} h, {u.Learners:N0} learners"));
        return text.ToString();
    }

    private static string Share(double? share) => share is { } s ? s.ToString("P0", En) : "n/a";
}
