namespace SkillsLedger.Domain.Events;

/// <summary>
/// The person's personal data was erased (GDPR Art. 17): their key is destroyed, so the encrypted fields of their
/// events can no longer be read. Recorded by the ledger itself (POST /api/people/{personId}/erase), never sent by clients,
/// so it has no reader.
/// </summary>
public sealed record PersonErased(string PersonId, string? Reason, DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };
}
