using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A skill enters the taxonomy with its own scale; it must be defined before anyone is assessed on it.</summary>
public sealed record SkillDefined(
    string Skill, string Name, decimal ScaleMin, decimal ScaleMax, IReadOnlyList<string>? LevelLabels,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<SkillDefined>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Skill(Skill);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static SkillDefined Read(Validation.EventFields f) => new(
        f.RequiredId("skill"), f.RequiredString("name"), f.RequiredDecimal("scaleMin"), f.RequiredDecimal("scaleMax"),
        f.OptionalStringList("levelLabels"), f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (ScaleMin >= ScaleMax) yield return ("scaleMax", $"must be greater than scaleMin ({ScaleMin})");
    }
}
