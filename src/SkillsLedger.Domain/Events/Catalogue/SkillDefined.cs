using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A skill enters the taxonomy with its own scale; it must be defined before anyone is assessed on it.</summary>
/// <param name="Category">
/// Contract v1.1: the skill's family, free text ≤ 100 characters; suggested values `technical`, `digital`, `power`,
/// `domain`, `leadership` (docs/events.md). Optional: events of contract v1 have none.
/// </param>
public sealed record SkillDefined(
    string Skill, string Name, decimal ScaleMin, decimal ScaleMax, IReadOnlyList<string>? LevelLabels,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? Category = null) : ICatalogueEvent, IReadableEvent<SkillDefined>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Skill(Skill);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static SkillDefined Read(Validation.EventFields f) => new(
        f.RequiredId("skill"), f.RequiredString("name"), f.RequiredDecimal("scaleMin"), f.RequiredDecimal("scaleMax"),
        f.OptionalStringList("levelLabels"), f.OccurredAt, f.EventId, f.Source, f.OptionalString("category", 100));

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (ScaleMin >= ScaleMax) yield return ("scaleMax", $"must be greater than scaleMin ({ScaleMin})");
    }
}
