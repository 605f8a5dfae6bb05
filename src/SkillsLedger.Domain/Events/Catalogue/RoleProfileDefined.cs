using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

public sealed record SkillRequirement(string Skill, decimal Level);

/// <summary>The target skill profile of a role, used for gap analysis.</summary>
public sealed record RoleProfileDefined(
    string Role, IReadOnlyList<SkillRequirement> Requirements,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<RoleProfileDefined>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Role(Role);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.role_requirement: each role's target profile as it stands (a redefinition drops skills it leaves out).</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.LatestPerKey<RoleProfileDefined>("role_requirement",
                "Target skill profile of each role (latest role_profile_defined per role): one row per role and required skill.")
            .Key("role", e => e.Role, "Role id, e.g. data-analyst.")
            .Each(e => e.Requirements)
            .ItemKey("skill", q => q.Skill, "Required skill (joins analytics.skill.skill).")
            .ItemRequired("target_level", q => q.Level, "Target level on the skill's own scale.")
            .Required("event_id", e => e.EventId, "eventId of the role_profile_defined event in force."),
    ];

    public static RoleProfileDefined Read(Validation.EventFields f) => new(f.RequiredId("role"), ReadRequirements(f), f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (Requirements.Count == 0) yield return ("requirements", "must list at least one {skill, level}");
        foreach (var dup in Requirements.GroupBy(q => q.Skill).Where(g => g.Count() > 1))
            yield return ("requirements", $"lists skill '{dup.Key}' more than once");
    }

    public IEnumerable<string> SkillsReferenced() => Requirements.Select(q => q.Skill);

    private static List<SkillRequirement> ReadRequirements(Validation.EventFields f) =>
        f.RequiredObjects("requirements", "{skill, level}",
            (r, _) => new SkillRequirement(r.RequiredString("skill", Validation.EventReader.MaxIdLength), r.RequiredDecimal("level")));
}
