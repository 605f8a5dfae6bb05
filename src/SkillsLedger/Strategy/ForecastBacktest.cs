using SkillsLedger.Analytics.Strategy;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Strategy;

namespace SkillsLedger.Strategy;

/// <summary>One backtested target: the forecast made at the origin and the supply actually reached at T.</summary>
public sealed record BacktestTarget(string Organisation, GoalTarget Target, int InScopeAtOrigin, int SupplyAtOrigin, SupplyForecast Forecast, int Actual);

/// <summary>
/// Calibration of the supply forecast (docs/methods.md, "Calibration"): from origin = T − 12 months, with only what the
/// ledger knew then, forecast the supply at T of systematically generated targets (every skill × the whole
/// organisation, each department, role and team × two levels: half and three quarters up the skill's scale), and
/// count how often the 80 % and 95 % intervals contain the supply actually reached at T.
/// </summary>
public static class ForecastBacktest
{
    public const int HorizonMonths = 12;

    /// <summary>A target is kept when at least this many people in its scope had a level on the skill at the origin (else its forecast is trivially 0–0).</summary>
    public const int MinimumAssessed = 5;

    /// <summary>
    /// Record time of the origin: the origin itself, unless the ledger recorded nothing by then (a history loaded in
    /// bulk later, like the demo) — then every record is "later", and only business time (occurredAt ≤ origin) can
    /// separate what was known; returns whether that fallback was taken.
    /// </summary>
    public static (DateTimeOffset KnownAt, bool BusinessTimeOnly) OriginKnownAt(StrategyLedger ledger, DateTimeOffset origin, DateTimeOffset now) =>
        OriginKnownAt(ledger.FirstRecordedAt, origin, now);

    /// <summary>The same rule from the ledger's first record time alone (the routes' evaluation uses it too).</summary>
    public static (DateTimeOffset KnownAt, bool BusinessTimeOnly) OriginKnownAt(DateTimeOffset? firstRecordedAt, DateTimeOffset origin, DateTimeOffset now) =>
        firstRecordedAt is { } first && first <= origin ? (origin, false) : (now, true);

    public static IReadOnlyList<GoalTarget> Targets(StrategyLedger ledger, WorkforceAt workforce, DateTimeOffset origin)
    {
        var positions = workforce.People.Select(p => workforce.PositionAt(p, origin)).OfType<Position>().ToList();
        var scopes = new List<TargetScope?> { null };
        scopes.AddRange(positions.Select(p => p.Department).Distinct().Order(StringComparer.Ordinal).Select(d => new TargetScope(d, null, null)));
        scopes.AddRange(positions.Select(p => p.Role).Distinct().Order(StringComparer.Ordinal).Select(r => new TargetScope(null, r, null)));
        scopes.AddRange(positions.Select(p => p.Team).OfType<string>().Distinct().Order(StringComparer.Ordinal).Select(t => new TargetScope(null, null, t)));
        var targets = new List<GoalTarget>();
        foreach (var skill in ledger.Scales().Values.OrderBy(s => s.Skill, StringComparer.Ordinal))
        {
            var range = skill.ScaleMax - skill.ScaleMin;
            var levels = new[] { 0.5m, 0.75m }.Select(f => skill.ScaleMin + Math.Round(range * f, MidpointRounding.AwayFromZero)).Distinct();
            foreach (var scope in scopes)
            {
                var assessed = workforce.InScope(scope, origin).Count(p => workforce.LevelAt(p, skill.Skill, origin) is not null);
                if (assessed < MinimumAssessed) continue;
                targets.AddRange(levels.Select(level => new GoalTarget(skill.Skill, level, 1, scope)));
            }
        }
        return targets;
    }

    /// <param name="then">The ledger as known at the origin.</param>
    /// <param name="now">The ledger as known today (for the actual supply at T).</param>
    public static IEnumerable<BacktestTarget> Run(string organisation, IReadOnlyList<GoalTarget> targets, WorkforceAt then, WorkforceAt now, DateTimeOffset at)
    {
        var origin = at.AddMonths(-HorizonMonths);
        foreach (var target in targets)
        {
            var evidence = SupplyEvidenceBuilder.Build(then, target, origin, at);
            var forecast = SupplyModel.Forecast(evidence, target.Headcount);
            yield return new BacktestTarget(organisation, target, evidence.LevelsNow.Count, evidence.LevelsNow.Count(evidence.Meets), forecast, now.Supply(target, at));
        }
    }
}
