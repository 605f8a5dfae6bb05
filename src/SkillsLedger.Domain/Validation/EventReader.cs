using System.Text.Json;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Domain.Validation;

/// <summary>
/// Turns one wire-format event (contract v1: camelCase JSON with a snake_case "type") into a typed event,
/// collecting every field problem. This is shape checking only; rules that need the ledger's state
/// (is the skill defined? does the retracted event exist?) live in <see cref="BatchRules"/>.
/// </summary>
public static class EventReader
{
    public const int MaxEventIdLength = 100;
    public const int MaxPersonIdLength = 64;
    public const int MaxIdLength = 100;

    public static ILedgerEvent? Read(JsonElement element, int? index, string prefix, List<FieldError> errors, string? defaultPersonId = null)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError(index, prefix, "must be a JSON object"));
            return null;
        }
        var f = new JsonFields(element, index, prefix, errors) { DefaultPersonId = defaultPersonId };
        var type = f.RequiredString("type", 50);
        if (!f.Ok) return null;
        if (EventTypes.Find(type) is null)
        {
            f.Fail("type", $"unknown event type '{type}' (known: {string.Join(", ", EventTypes.AllNames)})");
            return null;
        }

        var eventId = f.OptionalString("eventId", MaxEventIdLength);
        var occurredAt = f.RequiredTimestamp("occurredAt");
        var source = f.OptionalString("source", 100);

        ILedgerEvent evt = type switch
        {
            "skill_defined" => new SkillDefined(
                f.RequiredString("skill", MaxIdLength), f.RequiredString("name"), f.RequiredDecimal("scaleMin"),
                f.RequiredDecimal("scaleMax"), f.OptionalStringList("levelLabels"), occurredAt, eventId, source),
            "role_profile_defined" => new RoleProfileDefined(
                f.RequiredString("role", MaxIdLength), ReadRequirements(f, index, errors), occurredAt, eventId, source),
            "person_hired" => new PersonHired(
                PersonId(f), f.RequiredString("department"), f.RequiredString("role", MaxIdLength), f.OptionalString("team"),
                f.OptionalDecimal("monthlySalary"), occurredAt, eventId, source, f.OptionalString("displayName"), Email(f)),
            "person_moved" => new PersonMoved(
                PersonId(f), f.OptionalString("department"), f.OptionalString("role", MaxIdLength), f.OptionalString("team"),
                occurredAt, eventId, source),
            "person_left" => new PersonLeft(PersonId(f), f.RequiredEnum<LeavingReason>("reason"), occurredAt, eventId, source),
            "skill_assessed" => new SkillAssessed(
                PersonId(f), f.RequiredString("skill", MaxIdLength), f.RequiredDecimal("level"),
                f.RequiredEnum<AssessmentMethod>("method"), f.OptionalString("assessorId", MaxIdLength),
                f.OptionalString("evidence", 4000), occurredAt, eventId, source),
            "assessment_retracted" => new AssessmentRetracted(
                PersonId(f), f.RequiredString("retractsEventId", MaxEventIdLength), f.RequiredString("reason", 1000),
                occurredAt, eventId, source),
            "course_completed" => new CourseCompleted(
                PersonId(f), f.RequiredString("courseId", MaxIdLength), f.OptionalString("programId", MaxIdLength),
                f.RequiredDecimal("hours"), f.OptionalDecimal("score"), f.OptionalStringList("skills", 50, MaxIdLength),
                occurredAt, eventId, source),
            "performance_signal" => new PerformanceSignal(
                PersonId(f), f.RequiredString("metric", MaxIdLength), f.RequiredDecimal("value"), f.OptionalString("unit", 50),
                occurredAt, eventId, source),
            "program_cost" => new ProgramCost(
                f.RequiredString("programId", MaxIdLength), f.RequiredDecimal("amount"), f.RequiredString("currency", 3),
                f.OptionalString("category"), occurredAt, eventId, source),
            "roi_assumption_set" => new RoiAssumptionSet(
                f.RequiredString("name", MaxIdLength), f.RequiredDecimal("value"), f.OptionalString("unit", 50),
                f.OptionalString("note", 1000), occurredAt, eventId, source),
            _ => throw new InvalidOperationException($"EventTypes lists '{type}' but the reader does not handle it"),
        };
        f.RejectUnknown();
        if (!f.Ok) return null;
        return FieldRules.Check(evt, index, prefix, errors) ? evt : null;
    }

    private static string? Email(JsonFields f)
    {
        var email = f.OptionalString("email", 254);
        if (email is not null && (email.IndexOf('@') is var at && (at < 1 || at == email.Length - 1) || email.Any(char.IsWhiteSpace)))
        {
            f.Fail("email", "must look like an e-mail address (name@domain)");
            return null;
        }
        return email;
    }

    private static string PersonId(JsonFields f) => f.DefaultPersonId is { } route && !f.Has("personId")
        ? route
        : f.RequiredString("personId", MaxPersonIdLength);

    private static IReadOnlyList<SkillRequirement> ReadRequirements(JsonFields f, int? index, List<FieldError> errors)
    {
        var list = new List<SkillRequirement>();
        foreach (var (item, path) in f.RequiredArray("requirements"))
        {
            if (item.ValueKind != JsonValueKind.Object) { f.Fail(path[(path.LastIndexOf('.') + 1)..], "must be an object {skill, level}"); continue; }
            var r = new JsonFields(item, index, path, errors);
            var req = new SkillRequirement(r.RequiredString("skill", MaxIdLength), r.RequiredDecimal("level"));
            r.RejectUnknown();
            if (r.Ok) list.Add(req); else f.Fail("requirements", "has invalid entries (see above)");
        }
        return list;
    }
}
