using System.Text.Json.Serialization;

namespace SkillsLedger.Domain.Events;

/// <summary>How a course is delivered (contract v1.1): the formats effectiveness is compared by.</summary>
public enum CourseModality { Online, Classroom, Microlearning, Coaching, Simulation, Community, Blended, OnTheJob }

/// <summary>A skill a course trains, and the level it aims to bring a learner to (on the skill's scale), when stated.</summary>
public sealed record CourseSkill(string Skill, decimal? TargetLevel);

/// <summary>
/// A course enters the catalogue (contract v1.1): its programme, format, length and the skills it trains. Defining it
/// again revises it. A course_completed of a course that was never defined stays valid (its modality is then reported
/// as unknown). The provider (v1.2) is who delivers it: the organisation's own academy or a vendor, as the organisation
/// names them, so courses and their results can be compared by supplier.
/// </summary>
public sealed record CourseDefined(
    string CourseId, string Name, string? ProgramId, CourseModality Modality, decimal Hours, IReadOnlyList<CourseSkill> Skills,
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? Provider = null) : ICatalogueEvent, IReadableEvent<CourseDefined>, IAnalyticsEvent
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Course(CourseId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

    /// <summary>analytics.course and analytics.course_skill: the catalogue as it stands (latest definition per course).</summary>
    public static IReadOnlyList<IEventTable> AnalyticsTables { get; } =
    [
        EventTable.LatestPerKey<CourseDefined>("course",
                "Course catalogue (latest course_defined per course). Completions of courses not in it have modality unknown.")
            .Key("course_id", e => e.CourseId, "Course id as in course_completed.courseId.")
            .Required("name", e => e.Name, "Display name.")
            .Optional("program_id", e => e.ProgramId, "Programme the course belongs to (joins analytics.program), if any.")
            .Required("modality", e => e.Modality, "Delivery format: online, classroom, microlearning, coaching, simulation, community, blended or on_the_job.")
            .Required("hours", e => e.Hours, "Catalogue length in hours.")
            .Required("defined_at", e => e.OccurredAt, "occurredAt of the course_defined event in force.")
            .Required("event_id", e => e.EventId, "eventId of the course_defined event in force.")
            .Optional("provider", e => e.Provider, "Who delivers the course (the organisation's academy or a vendor), as course_defined.provider names it, if stated."),
        EventTable.LatestPerKey<CourseDefined>("course_skill", "Skills each catalogue course trains (from the course_defined in force).")
            .Key("course_id", e => e.CourseId, "Course (joins analytics.course).")
            .Each(e => e.Skills)
            .ItemKey("skill", s => s.Skill, "Skill trained (joins analytics.skill).")
            .ItemOptional("target_level", s => s.TargetLevel, "Level the course aims to bring a learner to, on the skill's scale, if stated."),
    ];

    public static CourseDefined Read(Validation.EventFields f) => new(
        f.RequiredId("courseId"), f.RequiredString("name"), f.OptionalId("programId"), f.RequiredEnum<CourseModality>("modality"),
        f.RequiredDecimal("hours"), ReadSkills(f), f.OccurredAt, f.EventId, f.Source, f.OptionalString("provider"));

    public IEnumerable<(string Field, string Message)> Violations()
    {
        if (Hours <= 0) yield return ("hours", "must be greater than 0");
        if (Hours > 10_000) yield return ("hours", "must be at most 10000");
        foreach (var dup in Skills.GroupBy(s => s.Skill).Where(g => g.Count() > 1))
            yield return ("skills", $"lists skill '{dup.Key}' more than once");
    }

    public IEnumerable<string> SkillsReferenced() => Skills.Select(s => s.Skill);

    private static List<CourseSkill> ReadSkills(Validation.EventFields f) =>
        f.RequiredObjects("skills", "{skill, targetLevel?}",
            (r, _) => new CourseSkill(r.RequiredString("skill", Validation.EventReader.MaxIdLength), r.OptionalDecimal("targetLevel")));
}
