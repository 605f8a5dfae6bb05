namespace SkillsLedger.Domain.Events;

/// <summary>A change of department, role or team; fields left out are unchanged.</summary>
public sealed record PersonMoved(
    string PersonId, string? Department, string? Role, string? Team,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null) : IPersonEvent, IReadableEvent<PersonMoved>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static PersonMoved Read(Validation.EventFields f) => new(
        f.PersonId(), f.OptionalString("department"), f.OptionalId("role"), f.OptionalString("team"), f.OccurredAt, f.EventId, f.Source);

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (Department is null && Role is null && Team is null)
            yield return ("department", "a move must change at least one of department, role, team");
    }
}
