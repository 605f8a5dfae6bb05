namespace SkillsLedger.Domain.Events;

/// <summary>A person finished a course (of a programme, when it belongs to one), with its hours and the skills it trains.</summary>
public sealed record CourseCompleted(
    string PersonId, string CourseId, string? ProgramId, decimal Hours, decimal? Score, IReadOnlyList<string>? Skills,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? SourceStatementId = null) : IPersonEvent, IFromStatement, IReadableEvent<CourseCompleted>
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    public static CourseCompleted Read(Validation.EventFields f) => new(
        f.PersonId(), f.RequiredId("courseId"), f.OptionalId("programId"), f.RequiredDecimal("hours"), f.OptionalDecimal("score"),
        f.OptionalStringList("skills", 50, Validation.EventReader.MaxIdLength), f.OccurredAt, f.EventId, f.Source, f.SourceStatementId());

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (Hours < 0) yield return ("hours", "must be ≥ 0");
        if (Hours > 10_000) yield return ("hours", "must be at most 10000");
        if (Score is < 0 or > 100) yield return ("score", "must be between 0 and 100");
    }
}
