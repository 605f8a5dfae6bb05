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

    /// <summary>The growth rate's movement between the window's halves is used when at least this many people have a level at all three instants.</summary>
    public const int MinimumHalves = 10;

    public static SupplyEvidence Build(WorkforceAt workforce, GoalTarget target, DateTimeOffset origin, DateTimeOffset due)
    {
        var start = origin.AddMonths(-WindowMonths);
        var levelsNow = workforce.InScope(target.Scope, origin).Select(p => workforce.LevelAt(p, target.Skill, origin)).ToList();

        var pool = workforce.InScope(target.Scope, start).Where(p => workforce.PositionAt(p, origin) is not null).ToList();
        if (pool.Count(p => workforce.LevelAt(p, target.Skill, start) is not null && workforce.LevelAt(p, target.Skill, origin) is not null) < MinimumScopedChanges)
            pool = workforce.InScope(null, start).Where(p => workforce.PositionAt(p, origin) is not null).ToList();
        var changes = pool.Select(p => new LevelChange(workforce.LevelAt(p, target.Skill, start), workforce.LevelAt(p, target.Skill, origin))).ToList();
        var middle = start + (origin - start) / 2;
        var halves = pool
            .Select(p => (A: workforce.LevelAt(p, target.Skill, start), B: workforce.LevelAt(p, target.Skill, middle), C: workforce.LevelAt(p, target.Skill, origin)))
            .Where(x => x.A is not null && x.B is not null && x.C is not null)
            .Select(x => (First: x.B!.Value - x.A!.Value, Second: x.C!.Value - x.B!.Value))
            .ToList();
        (double, double)? halfMeans = halves.Count >= MinimumHalves ? (halves.Average(h => h.First), halves.Average(h => h.Second)) : null;

        var (leavers, exposure) = Departures(workforce, start, origin);
        var atStart = workforce.InScope(target.Scope, start).Select(p => p.PersonId).ToHashSet(StringComparer.Ordinal);
        var atOrigin = workforce.InScope(target.Scope, origin).ToList();
        var entrants = atOrigin.Where(p => !atStart.Contains(p.PersonId)).ToList();
        var meeting = entrants.Count(p => Coverage.Meets(workforce.LevelAt(p, target.Skill, origin), target.Level));
        var stayedIn = atOrigin.Count(p => atStart.Contains(p.PersonId));
        var movedOut = workforce.InScope(target.Scope, start).Count(p => workforce.PositionAt(p, origin) is { } now && !Coverage.InScope(now, target.Scope));
        return new SupplyEvidence((double)target.Level, Years(origin, due), levelsNow, changes, Years(start, origin), leavers, exposure, entrants.Count, meeting, movedOut, stayedIn, halfMeans);
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
