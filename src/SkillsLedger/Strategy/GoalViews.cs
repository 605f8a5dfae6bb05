using SkillsLedger.Domain.Events;

namespace SkillsLedger.Strategy;

/// <summary>Supply at the end of one month (people, n).</summary>
public sealed record SupplyPoint(DateOnly Month, int Supply);

/// <summary>A whole-people interval (inclusive).</summary>
public sealed record PeopleInterval(int Low, int High);

/// <summary>What the forecast was fitted on: the year before asOf.</summary>
/// <param name="LeavingHazardPerYear">Departures per person-year employed, whole organisation ((leavers + ½) / exposure).</param>
/// <param name="MeanLevelChangePerYear">Mean change of the skill's level over the window, on the skill's scale, n = <paramref name="LevelChanges"/> people.</param>
/// <param name="EntrantsIntoScope">People hired or moved into the scope in the window (0: the forecast adds nobody).</param>
/// <param name="MovedOutOfScope">People in the scope at the window's start who moved elsewhere in it (of <paramref name="StayedInScope"/> + them).</param>
public sealed record ForecastFit(int Leavers, double ExposureYears, double LeavingHazardPerYear, int LevelChanges, double MeanLevelChangePerYear,
    double LevelChangeSpread, int EntrantsIntoScope, int EntrantsMeetingTarget, int MovedOutOfScope, int StayedInScope);

/// <summary>Forecast of supply at the due date (people): mean, median, 80 % and 95 % intervals, P(supply ≥ headcount).</summary>
public sealed record SupplyForecastView(DateOnly DueDate, double Mean, int Median, PeopleInterval Interval80, PeopleInterval Interval95,
    double ProbabilityMeet, int Simulations, int Seed, ForecastFit Fit);

/// <summary>One target: supply now (people in scope at asOf at or above the level), gap = max(0, headcount − supply), trend and forecast.</summary>
/// <param name="InScope">People employed and in scope at asOf (the n supply is out of).</param>
public sealed record TargetView(string Skill, decimal Level, int Headcount, TargetScope? Scope, int InScope, int Supply, int Gap,
    IReadOnlyList<SupplyPoint> Trend, SupplyForecastView Forecast, string Status);

/// <summary>A programme's learning as ROI counts its cost: programme costs + learners' hours × loaded_hourly_cost.</summary>
public sealed record ProgrammeLearning(string ProgramId, string? Name, IReadOnlyList<string> Goals, int Learners, int Completions, double Hours,
    double ProgrammeCosts, double TimeCost, double TotalCost);

/// <summary>Learning on the programmes linked to one goal (learners counted once across them).</summary>
public sealed record GoalLearning(IReadOnlyList<string> Programmes, int Learners, double Hours, double TotalCost, string Currency);

/// <param name="Revision">1 = as first set; higher when revised (the revision in force at asOf/knownAt).</param>
/// <param name="SetAt">occurredAt of the revision in force.</param>
/// <param name="ProbabilityMeet">P(every target met), targets taken as independent.</param>
/// <param name="Status">on track (P ≥ 0.8), at risk, off track (P &lt; 0.2), or retired.</param>
public sealed record GoalView(string GoalId, string Name, DateOnly DueDate, string? Note, int Revision, DateTimeOffset SetAt, string EventId,
    string Status, double ProbabilityMeet, IReadOnlyList<TargetView> Targets, GoalLearning Learning);

/// <summary>Learning hours and spend over all programmes, and the share going to programmes linked to a goal.</summary>
/// <param name="Unlinked">Programmes (and courses outside any programme, as "(no programme)") linked to no goal, with their spend.</param>
public sealed record LearningLink(double Hours, double TotalCost, string Currency, double LinkedHours, double LinkedCost, double? LinkedHoursShare,
    double? LinkedCostShare, double LoadedHourlyCost, IReadOnlyList<ProgrammeLearning> Programmes, IReadOnlyList<ProgrammeLearning> Unlinked);

public sealed record GoalsView(DateTimeOffset AsOf, DateTimeOffset KnownAt, string Rule, string Method, IReadOnlyList<GoalView> Goals, LearningLink Learning);

public sealed record GoalDetailView(DateTimeOffset AsOf, DateTimeOffset KnownAt, string Rule, string Method, GoalView Goal);
