namespace SkillsLedger.Tests.Support;

/// <summary>Wire-format events (contract v1) for tests, as anonymous objects serialised camelCase.</summary>
public static class Events
{
    public const string Past = "2025-03-01T09:00:00Z";

    public static object SkillDefined(string skill, decimal min = 1, decimal max = 5, string? eventId = null) =>
        new { type = "skill_defined", eventId, skill, name = skill.ToUpperInvariant(), scaleMin = min, scaleMax = max, occurredAt = "2024-01-01T00:00:00Z" };

    public static object Hired(string personId, string role = "data-analyst", string? eventId = null) =>
        new { type = "person_hired", eventId, personId, department = "Data", role, team = "data-core", monthlySalary = 5200, occurredAt = "2024-02-01T00:00:00Z" };

    public static object Assessed(string personId, string skill, decimal level, string method = "manager", string? eventId = null, string occurredAt = Past) =>
        new { type = "skill_assessed", eventId, personId, skill, level, method, occurredAt };
}
