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
    DateTimeOffset OccurredAt, string? EventId = null, string? Source = null, string? Provider = null) : ICatalogueEvent, IReadableEvent<CourseDefined>
{
    [JsonIgnore] public string CatalogueStreamKey => StreamKeys.Course(CourseId);
    public ILedgerEvent WithEventId(string eventId) => this with { EventId = eventId };

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
