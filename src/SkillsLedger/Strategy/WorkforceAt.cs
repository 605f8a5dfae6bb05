using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Strategy;

namespace SkillsLedger.Strategy;

/// <summary>
/// The organisation's people as known at one record time (knownAt), with positions and levels remembered per instant:
/// a goal's targets, its monthly trend and a backtest over hundreds of targets ask the same person the same question
/// many times.
/// </summary>
public sealed class WorkforceAt(IEnumerable<WorkforceMember> people, DateTimeOffset knownAt)
{
    private readonly WorkforceMember[] _people = people.OrderBy(p => p.PersonId, StringComparer.Ordinal).ToArray();
    private readonly Dictionary<(string, DateTimeOffset), Position?> _positions = [];
    private readonly Dictionary<(string, string, DateTimeOffset), double?> _levels = [];

    public DateTimeOffset KnownAt { get; } = knownAt;
    public IReadOnlyList<WorkforceMember> People => _people;

    public Position? PositionAt(WorkforceMember person, DateTimeOffset asOf)
    {
        if (!_positions.TryGetValue((person.PersonId, asOf), out var position))
            _positions[(person.PersonId, asOf)] = position = person.PositionAt(asOf, KnownAt);
        return position;
    }

    public double? LevelAt(WorkforceMember person, string skill, DateTimeOffset asOf)
    {
        if (!_levels.TryGetValue((person.PersonId, skill, asOf), out var level))
            _levels[(person.PersonId, skill, asOf)] = level = person.LevelAt(skill, asOf, KnownAt);
        return level;
    }

    /// <summary>People employed and in the scope at asOf.</summary>
    public IEnumerable<WorkforceMember> InScope(TargetScope? scope, DateTimeOffset asOf) =>
        _people.Where(p => PositionAt(p, asOf) is { } position && Coverage.InScope(position, scope));

    /// <summary>Supply: people in scope at asOf whose level meets the target.</summary>
    public int Supply(GoalTarget target, DateTimeOffset asOf) =>
        InScope(target.Scope, asOf).Count(p => Coverage.Meets(LevelAt(p, target.Skill, asOf), target.Level));
}
