using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

public sealed record SkillRequirement(string Skill, decimal Level);

/// <summary>The target skill profile of a role, used for gap analysis.</summary>
public sealed record RoleProfileDefined(
    string Role, IReadOnlyList<SkillRequirement> Requirements,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<RoleProfileDefined>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Role(Role);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

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
