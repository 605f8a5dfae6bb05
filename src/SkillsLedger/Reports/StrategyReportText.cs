namespace SkillsLedger.Reports;

/// <summary>
/// Every piece of text the report's Strategy section and its fan charts show, in one place (English for now; a
/// Dutch set of the same names is the next step, as for the rest of the report).
/// </summary>
public static class StrategyReportText
{
    public const string Heading = "Strategy: are tomorrow's skills on course?";
    public const string NoGoals = "No strategic goals are recorded on the ledger (strategic_goal_set).";
    public const string Intro =
        "Each goal asks for a number of people at or above a level on a skill by its due date. Supply is who has that level now " +
        "(rule weighted-recency v1, people employed and in the target's scope); the forecast at the due date comes from a simulation " +
        "fitted on the last twelve months of the ledger (level changes, departures, moves and hires), with 80 % and 95 % intervals. " +
        "On track: at least an 80 % chance of meeting every target; off track: under 20 %; at risk: in between.";
    public const string ColumnGoal = "Goal";
    public const string ColumnStatus = "Status";
    public const string ColumnTarget = "Target";
    public const string ColumnSupply = "Supply now";
    public const string ColumnForecast = "Forecast at due date (80 %; 95 %)";
    public const string ColumnChance = "Chance of meeting it";
    public const string ColumnLearning = "Linked learning";
    public const string FanYLabel = "People at or above the target level";
    public const string FanTarget = "Target";
    public const string FanLegend = "Line: supply each month · dark band: 80 % interval · light band: 95 % interval · dashed: target headcount";
    public const string Method = "docs/methods.md §7 (model, assumptions, calibration backtest)";

    public static string FanTitle(string goal, string skill, decimal level) => $"{goal}: {skill} ≥ {level}";

    public static string FanCaption(int inScope, int supply, int headcount, string dueDate, double probability) =>
        $"n = {inScope:N0} people in scope now, {supply:N0} of them at or above the level; {headcount:N0} needed by {dueDate}. " +
        $"Chance of meeting the target: {probability:P0}. Fan: 80 % and 95 % intervals of the simulated supply at the due date.";

    public static string LinkedShare(string hoursShare, string hours, string spendShare, string spend) =>
        $"Learning linked to a goal: {hoursShare} of {hours} learning hours and {spendShare} of {spend} spend (programme costs plus learners' time, as ROI counts them).";

    public const string UnlinkedHeading = "Spend on programmes linked to no goal:";
}
