namespace SkillsLedger.Analytics.Strategy;

/// <summary>One person's level on the skill at the start and at the end of the fit window (null: no level then).</summary>
public sealed record LevelChange(double? Before, double? After);

/// <summary>
/// What the ledger shows about one strategic target at the forecast's origin, gathered by the caller (no database
/// here): the people who count now, how levels on the skill changed over the fit window, departures and hiring.
/// </summary>
/// <param name="TargetLevel">Level a person must reach (compared at 9 decimals, as supply is counted).</param>
/// <param name="HorizonYears">From the origin to the due date, in 365.25-day years (0 when due).</param>
/// <param name="LevelsNow">Everyone employed and in scope at the origin: their level on the skill, null when they have none.</param>
/// <param name="Changes">Everyone employed (anywhere) at both ends of the fit window: their level on the skill at each end.</param>
/// <param name="WindowYears">Length of the fit window ending at the origin, in years (&gt; 0).</param>
/// <param name="Leavers">People who left during the fit window.</param>
/// <param name="ExposureYears">Person-years employed during the fit window (the hazard's denominator).</param>
/// <param name="Entrants">People in the scope at the origin who were not in it at the window's start (hired, or moved in).</param>
/// <param name="EntrantsMeeting">Of those, how many met the target at the origin.</param>
/// <param name="MovedOut">People in the scope at the window's start, still employed at the origin but no longer in the scope.</param>
/// <param name="StayedIn">People in the scope at the window's start and still in it at the origin.</param>
/// <param name="HalfWindowMeanChanges">Mean level change in the first and in the second half of the window (people with a level at
/// all three instants), when known: how much the growth rate itself moves from one period to the next.</param>
public sealed record SupplyEvidence(
    double TargetLevel, double HorizonYears, IReadOnlyList<double?> LevelsNow, IReadOnlyList<LevelChange> Changes, double WindowYears,
    int Leavers, double ExposureYears, int Entrants, int EntrantsMeeting, int MovedOut, int StayedIn, (double First, double Second)? HalfWindowMeanChanges = null)
{
    /// <summary>Whether a level meets the target, at the 9 decimals levels are compared at everywhere.</summary>
    public bool Meets(double? level) => Domain.SkillLevels.LevelPrecision.Reaches(level, TargetLevel);
}

/// <summary>
/// The forecast distribution of supply at the due date: its mean, the 80 % interval [P10, P90], the 95 % interval
/// [P2.5, P97.5] (inclusive, whole people), and the share of simulations reaching the headcount; with the fitted
/// parameters shown beside it (annual leaving hazard, mean and standard deviation of the window's level changes, n changes).
/// </summary>
public sealed record SupplyForecast(
    double Mean, int Median, int Low80, int High80, int Low95, int High95, double ProbabilityMeet, int Simulations, int Seed,
    double LeavingHazardPerYear, double MeanChange, int Changes, double ChangeSpread)
{
    public bool Within80(int actual) => actual >= Low80 && actual <= High80;
    public bool Within95(int actual) => actual >= Low95 && actual <= High95;
}
