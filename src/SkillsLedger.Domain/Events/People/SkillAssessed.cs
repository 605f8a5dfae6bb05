namespace SkillsLedger.Domain.Events;

public enum AssessmentMethod { Self, Peer, Manager, Test, Certification, Inferred }

/// <summary>One rating of one person on one skill, on that skill's own scale, by a named method.</summary>
/// <remarks>Evidence and AssessorId are personal data: stored encrypted with the person's key, erasable.</remarks>
public sealed record SkillAssessed(
    string PersonId, string Skill, decimal Level, AssessmentMethod Method, string? AssessorId, string? Evidence,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? SourceStatementId = null) : IPersonEvent, IFromStatement, IReadableEvent<SkillAssessed>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static SkillAssessed Read(Validation.EventFields f) => new(
        f.PersonId(), f.RequiredId("skill"), f.RequiredDecimal("level"), f.RequiredEnum<AssessmentMethod>("method"),
        f.OptionalId("assessorId"), f.OptionalString("evidence", 4000), f.OccurredAt, f.EventId, f.Source, f.SourceStatementId());

    public IEnumerable<string> SkillsReferenced() => [Skill];

    public bool HasPersonalData() => Evidence is not null || AssessorId is not null;

    public IPersonEvent MapPersonalData(Func<string?, string?> protect) => this with { Evidence = protect(Evidence), AssessorId = protect(AssessorId) };
}
