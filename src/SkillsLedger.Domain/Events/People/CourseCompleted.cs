namespace SkillsLedger.Domain.Events;

/// <summary>A person finished a course (of a programme, when it belongs to one), with its hours and the skills it trains.</summary>
public sealed record CourseCompleted(
    string PersonId, string CourseId, string? ProgramId, decimal Hours, decimal? Score, IReadOnlyList<string>? Skills,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? SourceStatementId = null) : IPersonEvent, IFromStatement, IReadableEvent<CourseCompleted>, IAnalyticsEvent
{
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.course_completion and the skills each completion trains.</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.EveryEvent<CourseCompleted>("course_completion", "Every course_completed event.")
            .Key("event_id", e => e.EventId, "eventId of the course_completed event.")
            .Required("person_id", e => e.PersonId, "Learner (joins analytics.person).")
            .Required("course_id", e => e.CourseId, "Course id.")
            .Optional("program_id", e => e.ProgramId, "Programme the course belongs to, if any (joins analytics.program_cost.program_id).")
            .Required("hours", e => e.Hours, "Learning hours.")
            .Optional("score", e => e.Score, "Score 0–100, if given.")
            .Required("completed_at", e => e.OccurredAt, "When the course was completed.")
            .Index("course_completion_person", "org_id", "person_id"),
        EventTable.EveryEvent<CourseCompleted>("course_completion_skill", "Skills a completed course trains: one row per course_completed event and skill.")
            .Key("event_id", e => e.EventId, "eventId of the course_completed event (joins analytics.course_completion).")
            .Each(e => e.Skills)
            .ItemItselfKey("skill", "Skill trained."),
    ];

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
