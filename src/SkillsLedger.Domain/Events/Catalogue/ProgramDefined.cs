using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>
/// A learning programme and the strategic goals it serves (contract v1.1; the list may be empty: spend on programmes
/// linked to no goal is reported as unlinked). Defining it again revises it. Shares the programme's stream with its costs.
/// </summary>
public sealed record ProgramDefined(
    string ProgramId, string Name, IReadOnlyList<string> Goals, string? Owner,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent, IReadableEvent<ProgramDefined>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Program(ProgramId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static ProgramDefined Read(Validation.EventFields f) => new(
        f.RequiredId("programId"), f.RequiredString("name"), f.OptionalStringList("goals", 50, Validation.EventReader.MaxIdLength) ?? [],
        f.OptionalString("owner"), f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        foreach (var dup in Goals.GroupBy(g => g).Where(g => g.Count() > 1))
            yield return ("goals", $"lists goal '{dup.Key}' more than once");
    }
}
