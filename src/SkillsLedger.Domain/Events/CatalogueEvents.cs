using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>A skill enters the taxonomy with its own scale; it must be defined before anyone is assessed on it.</summary>
public sealed record SkillDefined(
    string Skill, string Name, decimal ScaleMin, decimal ScaleMax, IReadOnlyList<string>? LevelLabels,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Skill(Skill);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

public sealed record SkillRequirement(string Skill, decimal Level);

/// <summary>The target skill profile of a role, used for gap analysis.</summary>
public sealed record RoleProfileDefined(
    string Role, IReadOnlyList<SkillRequirement> Requirements,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Role(Role);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

/// <summary>Money spent on a learning programme (facilitators, licences, venues…).</summary>
public sealed record ProgramCost(
    string ProgramId, decimal Amount, string Currency, string? Category,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Program(ProgramId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}

/// <summary>A monetary assumption ROI uses, kept on the ledger so auditors can trace it (later values supersede earlier ones).</summary>
public sealed record RoiAssumptionSet(
    string Name, decimal Value, string? Unit, string? Note,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : ICatalogueEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.RoiAssumption(Name);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}
