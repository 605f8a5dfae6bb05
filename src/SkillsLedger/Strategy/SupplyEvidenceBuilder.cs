using SkillsLedger.Analytics.Strategy;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Strategy;

namespace SkillsLedger.Strategy;

/// <summary>
/// Gathers what the forecast model is fitted on, from the ledger as known at the origin: the fit window is the year
/// before the origin (docs/methods.md, "Strategic coverage").
/// </summary>
public static class SupplyEvidenceBuilder
{
    public const int WindowMonths = 12;
    private const double DaysPerYear = 365.25;

    /// <summary>Level changes are taken from people in the target's scope at the window's start when at least this many had a level; otherwise from everyone.</summary>
    public const int MinimumScopedChanges = 30;

    public static SupplyEvidence Build(WorkforceAt workforce, GoalTarget target, DateTimeOffset origin, DateTimeOffset due)
    {
        var start = origin.AddMonths(-WindowMonths);
        var levelsNow = workforce.InScope(target.Scope, origin).Select(p => workforce.LevelAt(p, target.Skill, origin)).ToList();

        List<LevelChange> ChangesOf(IEnumerable<WorkforceMember> people) => people
            .Where(p => workforce.PositionAt(p, origin) is not null)
            .Select(p => new LevelChange(workforce.LevelAt(p, target.Skill, start), workforce.LevelAt(p, target.Skill, origin)))
            .ToList();
        var changes = ChangesOf(workforce.InScope(target.Scope, start));
        if (changes.Count(c => c.Before is not null && c.After is not null) < MinimumScopedChanges)
            changes = ChangesOf(workforce.InScope(null, start));

        var (leavers, exposure) = Departures(workforce, start, origin);
        var hires = workforce.InScope(target.Scope, origin)
            .Where(p => p.HiredAt(origin, workforce.KnownAt) is { } hired && hired > start).ToList();
        var meeting = hires.Count(p => Coverage.Meets(workforce.LevelAt(p, target.Skill, origin), target.Level));
        return new SupplyEvidence((double)target.Level, Years(origin, due), levelsNow, changes, Years(start, origin), leavers, exposure, hires.Count, meeting);
    }

    /// <summary>The organisation's departures in (start, end] and the person-years employed in it.</summary>
    public static (int Leavers, double ExposureYears) Departures(WorkforceAt workforce, DateTimeOffset start, DateTimeOffset end)
    {
        var leavers = 0;
        var exposure = 0.0;
        foreach (var p in workforce.People)
        {
            if (p.HiredAt(end, workforce.KnownAt) is not { } hired) continue;
            var left = p.LeftAt(end, workforce.KnownAt);
            var from = hired > start ? hired : start;
            var to = left is { } l && l < end ? l : end;
            if (to > from) exposure += Years(from, to);
            if (left is { } gone && gone > start && gone <= end) leavers++;
        }
        return (leavers, exposure);
    }

    public static double Years(DateTimeOffset from, DateTimeOffset to) => Math.Max(0, (to - from).TotalDays / DaysPerYear);
}
