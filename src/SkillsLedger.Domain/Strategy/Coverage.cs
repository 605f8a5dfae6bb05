using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;

namespace SkillsLedger.Domain.Strategy;

/// <summary>
/// Supply of a strategic target: people employed at asOf, in the target's scope at asOf, whose level on the skill
/// (rule weighted-recency v1) is at least the target level, compared at <see cref="LevelPrecision.CompareDecimals"/>
/// decimals as gaps are (a level of 2.9999999999999996 meets 3).
/// </summary>
public static class Coverage
{
    public static bool Meets(double? level, decimal target) =>
        LevelPrecision.Reaches(level, (double)target);

    /// <summary>Whether a position lies in a scope (no scope: the whole organisation).</summary>
    public static bool InScope(Position position, TargetScope? scope) =>
        scope is null
        || (scope.Department is { } d ? position.Department == d : scope.Role is { } r ? position.Role == r : position.Team == scope.Team);

    /// <summary>Whether the person is employed and in scope at asOf.</summary>
    public static bool InScopeAt(WorkforceMember person, TargetScope? scope, DateTimeOffset asOf, DateTimeOffset knownAt) =>
        person.PositionAt(asOf, knownAt) is { } p && InScope(p, scope);

    /// <summary>Whether the person counts towards the target's supply at asOf.</summary>
    public static bool Supplies(WorkforceMember person, GoalTarget target, DateTimeOffset asOf, DateTimeOffset knownAt) =>
        InScopeAt(person, target.Scope, asOf, knownAt) && Meets(person.LevelAt(target.Skill, asOf, knownAt), target.Level);

    public static int Supply(IEnumerable<WorkforceMember> people, GoalTarget target, DateTimeOffset asOf, DateTimeOffset knownAt) =>
        people.Count(p => Supplies(p, target, asOf, knownAt));

    /// <summary>gap = max(0, headcount − supply).</summary>
    public static int Gap(int headcount, int supply) => Math.Max(0, headcount - supply);
}
