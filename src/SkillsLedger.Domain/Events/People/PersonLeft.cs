namespace SkillsLedger.Domain.Events;

public enum LeavingReason { Voluntary, Involuntary, Other }

/// <summary>A person leaves the organisation, for a reason retention analysis can tell apart.</summary>
public sealed record PersonLeft(
    string PersonId, LeavingReason Reason,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent, IReadableEvent<PersonLeft>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static PersonLeft Read(Validation.EventFields f) => new(f.PersonId(), f.RequiredEnum<LeavingReason>("reason"), f.OccurredAt, f.EventId, f.Source);
}
