namespace SkillsLedger.Reports;

/// <summary>
/// Every piece of text the report's Strategy section shows (the fan charts' words are in Presentation/GoalFan, shared with the dashboard), in one place, in English and Dutch side by side.
/// </summary>
public sealed class StrategyReportText(ReportFormat f)
{
    public string Heading => f.L("Strategy: are tomorrow's skills on course?", "Strategie: liggen de vaardigheden van morgen op koers?");
    public string NoGoals => f.L("No strategic goals are recorded on the ledger (strategic_goal_set).", "Er staan geen strategische doelen in het grootboek (strategic_goal_set).");
    public string Intro => f.L(
        "Each goal asks for a number of people at or above a level on a skill by its due date. Supply is who has that level now " +
        "(rule weighted-recency v1, people employed and in the target's scope); the forecast at the due date comes from a simulation " +
        "fitted on the last twelve months of the ledger (level changes, departures, moves and hires), with 80 % and 95 % intervals. " +
        "On track: at least an 80 % chance of meeting every target; off track: under 20 %; at risk: in between.",
        "Elk doel vraagt op de streefdatum een aantal medewerkers op of boven een niveau in een vaardigheid. Aanbod is wie dat niveau nu heeft " +
        "(regel weighted-recency v1, medewerkers in dienst en binnen de reikwijdte van het doel); de prognose op de streefdatum komt uit een simulatie " +
        "die is afgestemd op de laatste twaalf maanden van het grootboek (niveauveranderingen, vertrek, overstappen en aanwervingen), met 80%- en 95%-intervallen. " +
        "Op koers: minstens 80 % kans dat elk doel gehaald wordt; uit koers: minder dan 20 %; risico: daartussen.");
    public string Method => f.L("docs/methods.md §7 (model, assumptions, calibration backtest)", "docs/methods.md §7 (model, aannames, kalibratie-backtest)");
}
