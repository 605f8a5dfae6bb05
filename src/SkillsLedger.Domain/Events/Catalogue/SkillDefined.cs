using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A skill enters the taxonomy with its own scale; it must be defined before anyone is assessed on it.</summary>
/// <param name="Category">
/// Contract v1.1: the skill's family, free text ≤ 100 characters; suggested values `technical`, `digital`, `power`,
/// `domain`, `leadership` (docs/events.md). Optional: events of contract v1 have none.
/// </param>
public sealed record SkillDefined(
    string Skill, string Name, decimal ScaleMin, decimal ScaleMax, IReadOnlyList<string>? LevelLabels,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? Category = null) : ICatalogueEvent, IReadableEvent<SkillDefined>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Skill(Skill);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.skill: the taxonomy as it stands.</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.LatestPerKey<SkillDefined>("skill", "Skills of the taxonomy with their own scale (latest skill_defined per skill).")
            .Key("skill", e => e.Skill, "Skill id as used in events, e.g. data-analysis.")
            .Required("name", e => e.Name, "Display name.")
            .Required("scale_min", e => e.ScaleMin, "Lowest level of this skill's scale.")
            .Required("scale_max", e => e.ScaleMax, "Highest level of this skill's scale.")
            .Required("defined_at", e => e.OccurredAt, "occurredAt of the skill_defined event in force.")
            .Required("event_id", e => e.EventId, "eventId of the skill_defined event in force.")
            .Optional("category", e => e.Category, "Skill family from skill_defined.category (e.g. technical, digital, power, domain, leadership), if given."),
    ];

    public static SkillDefined Read(Validation.EventFields f) => new(
        f.RequiredId("skill"), f.RequiredString("name"), f.RequiredDecimal("scaleMin"), f.RequiredDecimal("scaleMax"),
        f.OptionalStringList("levelLabels"), f.OccurredAt, f.EventId, f.Source, f.OptionalString("category", 100));

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (ScaleMin >= ScaleMax) yield return ("scaleMax", $"must be greater than scaleMin ({ScaleMin})");
    }
}
