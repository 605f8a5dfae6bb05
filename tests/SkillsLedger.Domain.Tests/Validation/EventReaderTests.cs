using System.Text.Json;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;

namespace SkillsLedger.Domain.Tests.Validation;

public class EventReaderTests
{
    private static ILedgerEvent? Read(string json, out List<FieldError> errors, int? index = null, string prefix = "", string? defaultPersonId = null)
    {
        errors = [];
        using var doc = JsonDocument.Parse(json);
        return EventReader.Read(doc.RootElement, index, prefix, errors, defaultPersonId);
    }

    private static T ReadOk<T>(string json, string? defaultPersonId = null) where T : ILedgerEvent
    {
        var evt = Read(json, out var errors, defaultPersonId: defaultPersonId);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")));
        return Assert.IsType<T>(evt);
    }

    private static List<string> Fields(List<FieldError> errors) => errors.Select(e => e.Field).ToList();

    // ---- every event type of contract v1 ----

    [Fact]
    public void Skill_defined()
    {
        var e = ReadOk<SkillDefined>("""
            {"type":"skill_defined","eventId":"sd-1","skill":"sql","name":"SQL","scaleMin":0,"scaleMax":3,
             "levelLabels":["none","basic","good","expert"],"occurredAt":"2024-01-01T00:00:00Z","source":"taxonomy"}
            """);
        Assert.Equal("sql", e.Skill);
        Assert.Equal("SQL", e.Name);
        Assert.Equal(0m, e.ScaleMin);
        Assert.Equal(3m, e.ScaleMax);
        Assert.Equal(["none", "basic", "good", "expert"], e.LevelLabels!);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal("sd-1", e.EventId);
        Assert.Equal("taxonomy", e.Source);
        Assert.Equal("skill_defined", ((ILedgerEvent)e).Type);
        Assert.Equal("skill:sql", StreamKeys.For(e));
    }

    [Fact]
    public void Skill_defined_with_a_category_contract_v1_1()
    {
        var e = ReadOk<SkillDefined>("""
            {"type":"skill_defined","skill":"critical-thinking","name":"Critical thinking","scaleMin":1,"scaleMax":5,
             "category":"power","occurredAt":"2024-01-01T00:00:00Z"}
            """);
        Assert.Equal("power", e.Category);
        // Contract v1 events have none.
        Assert.Null(ReadOk<SkillDefined>("""{"type":"skill_defined","skill":"s","name":"S","scaleMin":1,"scaleMax":5,"occurredAt":"2024-01-01T00:00:00Z"}""").Category);
    }

    [Fact]
    public void Role_profile_defined()
    {
        var e = ReadOk<RoleProfileDefined>("""
            {"type":"role_profile_defined","role":"analyst","requirements":[{"skill":"sql","level":3},{"skill":"python","level":2.5}],
             "occurredAt":"2024-01-01T00:00:00Z"}
            """);
        Assert.Equal("analyst", e.Role);
        Assert.Equal([new SkillRequirement("sql", 3), new SkillRequirement("python", 2.5m)], e.Requirements);
        Assert.Null(e.EventId);
        Assert.Null(e.Source);
        Assert.Equal("role:analyst", StreamKeys.For(e));
    }

    [Fact]
    public void Person_hired()
    {
        var e = ReadOk<PersonHired>("""
            {"type":"person_hired","personId":"E1","department":"Data","role":"analyst","team":"core","monthlySalary":5123.45,
             "occurredAt":"2024-02-01T08:30:00+02:00"}
            """);
        Assert.Equal(("E1", "Data", "analyst", "core", 5123.45m), (e.PersonId, e.Department, e.Role, e.Team, e.MonthlySalary));
        Assert.Equal(TimeSpan.FromHours(2), e.OccurredAt.Offset);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 6, 30, 0, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal("person:E1", StreamKeys.For(e));
    }

    [Fact]
    public void Person_moved_with_only_some_fields()
    {
        var e = ReadOk<PersonMoved>("""{"type":"person_moved","personId":"E1","role":"lead","occurredAt":"2024-07-01T00:00:00Z"}""");
        Assert.Equal(("E1", (string?)null, "lead", (string?)null), (e.PersonId, e.Department, e.Role, e.Team));
    }

    [Fact]
    public void Person_left()
    {
        var e = ReadOk<PersonLeft>("""{"type":"person_left","personId":"E1","reason":"involuntary","occurredAt":"2024-08-01T00:00:00Z"}""");
        Assert.Equal(LeavingReason.Involuntary, e.Reason);
        Assert.Equal("E1", e.PersonId);
    }

    [Fact]
    public void Skill_assessed()
    {
        var e = ReadOk<SkillAssessed>("""
            {"type":"skill_assessed","eventId":"a-1","personId":"E1","skill":"sql","level":3.5,"method":"certification",
             "assessorId":"E9","evidence":"Passed the exam","occurredAt":"2025-03-01T09:00:00.123-05:00","source":"lms"}
            """);
        Assert.Equal(("E1", "sql", 3.5m, AssessmentMethod.Certification, "E9", "Passed the exam"),
            (e.PersonId, e.Skill, e.Level, e.Method, e.AssessorId, e.Evidence));
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T09:00:00.123-05:00"), e.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(-5), e.OccurredAt.Offset);
        Assert.Equal(("a-1", "lms"), (e.EventId, e.Source));
    }

    [Fact]
    public void Assessment_retracted()
    {
        var e = ReadOk<AssessmentRetracted>("""
            {"type":"assessment_retracted","personId":"E1","retractsEventId":"a-1","reason":"wrong person","occurredAt":"2025-03-02T00:00:00Z"}
            """);
        Assert.Equal(("E1", "a-1", "wrong person"), (e.PersonId, e.RetractsEventId, e.Reason));
    }

    [Fact]
    public void Course_completed()
    {
        var e = ReadOk<CourseCompleted>("""
            {"type":"course_completed","personId":"E1","courseId":"c-1","programId":"p-1","hours":12.5,"score":88,
             "skills":["sql","python"],"occurredAt":"2024-06-01T00:00:00Z"}
            """);
        Assert.Equal(("E1", "c-1", "p-1", 12.5m, (decimal?)88m), (e.PersonId, e.CourseId, e.ProgramId, e.Hours, e.Score));
        Assert.Equal(["sql", "python"], e.Skills!);
    }

    [Fact]
    public void Course_completed_optional_fields_can_be_left_out()
    {
        var e = ReadOk<CourseCompleted>("""{"type":"course_completed","personId":"E1","courseId":"c-1","hours":0,"occurredAt":"2024-06-01T00:00:00Z"}""");
        Assert.Null(e.ProgramId);
        Assert.Null(e.Score);
        Assert.Null(e.Skills);
        Assert.Equal(0m, e.Hours);
    }

    [Fact]
    public void Performance_signal()
    {
        var e = ReadOk<PerformanceSignal>("""
            {"type":"performance_signal","personId":"E1","metric":"tickets_resolved","value":-140.25,"unit":"tickets/month","occurredAt":"2024-06-30T00:00:00Z"}
            """);
        Assert.Equal(("E1", "tickets_resolved", -140.25m, "tickets/month"), (e.PersonId, e.Metric, e.Value, e.Unit));
    }

    [Fact]
    public void Program_cost()
    {
        var e = ReadOk<ProgramCost>("""
            {"type":"program_cost","programId":"p-1","amount":1200.50,"currency":"EUR","category":"venue","occurredAt":"2024-05-01T00:00:00Z"}
            """);
        Assert.Equal(("p-1", 1200.50m, "EUR", "venue"), (e.ProgramId, e.Amount, e.Currency, e.Category));
        Assert.Equal("program:p-1", StreamKeys.For(e));
        Assert.Null(e.Reference);
        Assert.Equal("PO-2024-0117", ReadOk<ProgramCost>("""
            {"type":"program_cost","programId":"p-1","amount":1,"currency":"EUR","reference":"PO-2024-0117","occurredAt":"2024-05-01T00:00:00Z"}
            """).Reference);
    }

    [Fact]
    public void Roi_assumption_set()
    {
        var e = ReadOk<RoiAssumptionSet>("""
            {"type":"roi_assumption_set","name":"loaded_hourly_cost","value":65,"unit":"EUR/hour","note":"finance 2024","occurredAt":"2024-05-01T00:00:00Z"}
            """);
        Assert.Equal(("loaded_hourly_cost", 65m, "EUR/hour", "finance 2024"), (e.Name, e.Value, e.Unit, e.Note));
        Assert.Equal("roi-assumption:loaded_hourly_cost", StreamKeys.For(e));
    }

    // ---- contract v1.1 (issue 15) ----

    [Fact]
    public void Course_defined()
    {
        var e = ReadOk<CourseDefined>("""
            {"type":"course_defined","courseId":"sql-101","name":"SQL basics","programId":"data-academy","modality":"on_the_job",
             "hours":12.5,"skills":[{"skill":"sql","targetLevel":3},{"skill":"python"}],"occurredAt":"2024-01-01T00:00:00Z"}
            """);
        Assert.Equal(("sql-101", "SQL basics", "data-academy", CourseModality.OnTheJob, 12.5m), (e.CourseId, e.Name, e.ProgramId, e.Modality, e.Hours));
        Assert.Equal([new CourseSkill("sql", 3), new CourseSkill("python", null)], e.Skills);
        Assert.Equal("course:sql-101", StreamKeys.For(e));
        Assert.Null(e.Provider);
        Assert.Equal("Data academy", ReadOk<CourseDefined>("""{"type":"course_defined","courseId":"c","name":"C","modality":"online","hours":1,"skills":[],"provider":"Data academy","occurredAt":"2024-01-01T00:00:00Z"}""").Provider);
        Assert.Equal(CourseModality.Blended, ReadOk<CourseDefined>("""{"type":"course_defined","courseId":"c","name":"C","modality":"Blended","hours":1,"skills":[],"occurredAt":"2024-01-01T00:00:00Z"}""").Modality);
    }

    [Fact]
    public void Program_defined()
    {
        var e = ReadOk<ProgramDefined>("""{"type":"program_defined","programId":"data-academy","name":"Data academy","goals":["g-data","g-ai"],"owner":"L&D","occurredAt":"2024-01-01T00:00:00Z"}""");
        Assert.Equal(["g-data", "g-ai"], e.Goals);
        Assert.Equal("program:data-academy", StreamKeys.For(e));
        Assert.Empty(ReadOk<ProgramDefined>("""{"type":"program_defined","programId":"p","name":"P","occurredAt":"2024-01-01T00:00:00Z"}""").Goals);
    }

    [Fact]
    public void Strategic_goal_set_and_retired()
    {
        var e = ReadOk<StrategicGoalSet>("""
            {"type":"strategic_goal_set","goalId":"g-data","name":"Data literate by 2027","dueDate":"2027-12-31",
             "targets":[{"skill":"sql","level":3,"headcount":40,"scope":{"department":"Finance"}},{"skill":"python","level":2.5,"headcount":10}],
             "note":"board decision 2026-03","occurredAt":"2026-03-01T00:00:00Z"}
            """);
        Assert.Equal(new DateOnly(2027, 12, 31), e.DueDate);
        Assert.Equal(new GoalTarget("sql", 3, 40, new TargetScope("Finance", null, null)), e.Targets[0]);
        Assert.Null(e.Targets[1].Scope);
        Assert.Equal("goal:g-data", StreamKeys.For(e));
        var retired = ReadOk<StrategicGoalRetired>("""{"type":"strategic_goal_retired","goalId":"g-data","reason":"merged into g-ai","occurredAt":"2026-09-01T00:00:00Z"}""");
        Assert.Equal("goal:g-data", StreamKeys.For(retired));
    }

    [Fact]
    public void Person_profile_updated_and_birth_year_on_hire()
    {
        var e = ReadOk<PersonProfileUpdated>("""{"type":"person_profile_updated","personId":"E1","birthYear":1988,"occurredAt":"2025-01-01T00:00:00Z"}""");
        Assert.Equal("1988", e.BirthYear);
        Assert.True(((IPersonEvent)e).HasPersonalData());
        var hired = ReadOk<PersonHired>("""{"type":"person_hired","personId":"E2","department":"D","role":"r","birthYear":1999,"occurredAt":"2025-01-01T00:00:00Z"}""");
        Assert.Equal("1999", hired.BirthYear);
        // Personal fields are the event's own declaration: each one passes through the protection, nothing else.
        var protectedEvent = (PersonHired)((IPersonEvent)hired).MapPersonalData(v => v is null ? null : "enc:" + v);
        Assert.Equal(("enc:1999", null, null, "r"), (protectedEvent.BirthYear, protectedEvent.DisplayName, protectedEvent.Email, protectedEvent.Role));
    }

    [Theory]
    [InlineData("""{"type":"course_defined","courseId":"c","name":"C","modality":"podcast","hours":1,"skills":[],"occurredAt":"2024-01-01T00:00:00Z"}""", "modality")]
    [InlineData("""{"type":"course_defined","courseId":"c","name":"C","modality":"online","hours":0,"skills":[],"occurredAt":"2024-01-01T00:00:00Z"}""", "hours")]
    [InlineData("""{"type":"course_defined","courseId":"c","name":"C","modality":"online","hours":1,"skills":[],"provider":7,"occurredAt":"2024-01-01T00:00:00Z"}""", "provider")]
    [InlineData("""{"type":"program_cost","programId":"p","amount":1,"currency":"EUR","reference":["PO-1"],"occurredAt":"2024-01-01T00:00:00Z"}""", "reference")]
    [InlineData("""{"type":"program_cost","programId":"p","amount":1,"currency":"EUR","reference":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx","occurredAt":"2024-01-01T00:00:00Z"}""", "reference")]
    [InlineData("""{"type":"course_defined","courseId":"c","name":"C","modality":"online","hours":1,"occurredAt":"2024-01-01T00:00:00Z"}""", "skills")]
    [InlineData("""{"type":"course_defined","courseId":"c","name":"C","modality":"online","hours":1,"skills":[{"skill":"a"},{"skill":"a"}],"occurredAt":"2024-01-01T00:00:00Z"}""", "skills")]
    [InlineData("""{"type":"strategic_goal_set","goalId":"g","name":"G","dueDate":"2027-31-12","targets":[{"skill":"s","level":1,"headcount":1}],"occurredAt":"2024-01-01T00:00:00Z"}""", "dueDate")]
    [InlineData("""{"type":"strategic_goal_set","goalId":"g","name":"G","dueDate":"2027-12-31","targets":[],"occurredAt":"2024-01-01T00:00:00Z"}""", "targets")]
    [InlineData("""{"type":"strategic_goal_set","goalId":"g","name":"G","dueDate":"2027-12-31","targets":[{"skill":"s","level":1,"headcount":0}],"occurredAt":"2024-01-01T00:00:00Z"}""", "targets[0].headcount")]
    [InlineData("""{"type":"strategic_goal_set","goalId":"g","name":"G","dueDate":"2027-12-31","targets":[{"skill":"s","level":1,"headcount":2.5}],"occurredAt":"2024-01-01T00:00:00Z"}""", "targets[0].headcount")]
    [InlineData("""{"type":"strategic_goal_set","goalId":"g","name":"G","dueDate":"2027-12-31","targets":[{"skill":"s","level":1,"headcount":2,"scope":{"role":"a","team":"b"}}],"occurredAt":"2024-01-01T00:00:00Z"}""", "targets[0].scope")]
    [InlineData("""{"type":"person_profile_updated","personId":"E1","birthYear":1900,"occurredAt":"2025-01-01T00:00:00Z"}""", "birthYear")]
    [InlineData("""{"type":"person_profile_updated","personId":"E1","birthYear":"1988","occurredAt":"2025-01-01T00:00:00Z"}""", "birthYear")]
    [InlineData("""{"type":"person_profile_updated","personId":"E1","occurredAt":"2025-01-01T00:00:00Z"}""", "displayName")]
    public void Contract_v1_1_events_name_the_bad_field(string json, string field)
    {
        Assert.Null(Read(json, out var errors));
        Assert.Contains(field, Fields(errors));
    }

    [Fact]
    public void An_xapi_mapping_keeps_an_email_only_as_the_sha1_of_its_lowercased_mailto_iri()
    {
        var e = ReadOk<XapiMappingSet>("""
            {"type":"xapi_mapping_set","occurredAt":"2025-01-01T00:00:00Z",
             "actors":[{"personId":"E1","mbox":"mailto:Ann@Example.com"},{"personId":"E2","account":{"homePage":"https://lms.example.com","name":"u2"}}],
             "courses":[{"activity":"https://example.com/course/1","courseId":"c1","programId":"p1","hours":6}],
             "activities":[{"activity":"https://example.com/au/quiz","skill":"sql","passLevel":3}],
             "disabledVerbs":["http://adlnet.gov/expapi/verbs/scored"],"trustedKeys":["k1"]}
            """);
        // sha1("mailto:ann@example.com"), computed with `printf %s mailto:ann@example.com | sha1sum`.
        Assert.Equal("0a7d8ea2f2ac01afbbf12061eb5324d2c8bb73df", e.Actors[0].MboxSha1sum);
        Assert.Equal(("https://lms.example.com", "u2"), (e.Actors[1].AccountHomePage!, e.Actors[1].AccountName!));
        Assert.Equal(3m, e.Activities[0].PassLevel);
        Assert.Equal(["sql"], e.SkillsReferenced());
        Assert.Empty(e.Competencies);
    }

    [Theory]
    [InlineData("""{"type":"xapi_mapping_set","actors":[{"personId":"E1"}],"occurredAt":"2025-01-01T00:00:00Z"}""", "actors[0].account")]
    [InlineData("""{"type":"xapi_mapping_set","actors":[{"personId":"E1","mbox":"ann@example.com"}],"occurredAt":"2025-01-01T00:00:00Z"}""", "actors[0].mbox")]
    [InlineData("""{"type":"xapi_mapping_set","courses":[{"activity":"a","courseId":"c","hours":-1}],"occurredAt":"2025-01-01T00:00:00Z"}""", "courses")]
    [InlineData("""{"type":"xapi_mapping_set","credentials":[{"credential":"a","skill":"s"}],"occurredAt":"2025-01-01T00:00:00Z"}""", "credentials[0].level")]
    public void An_xapi_mapping_names_the_bad_field(string json, string field)
    {
        Assert.Null(Read(json, out var errors));
        Assert.Contains(field, Fields(errors));
    }

    [Fact]
    public void The_tests_above_cover_every_event_type_of_the_contract()
    {
        var tested = new[] { typeof(SkillDefined), typeof(RoleProfileDefined), typeof(PersonHired), typeof(PersonMoved), typeof(PersonLeft),
            typeof(SkillAssessed), typeof(AssessmentRetracted), typeof(CourseCompleted), typeof(PerformanceSignal), typeof(ProgramCost), typeof(RoiAssumptionSet),
            typeof(CourseDefined), typeof(ProgramDefined), typeof(StrategicGoalSet), typeof(StrategicGoalRetired), typeof(PersonProfileUpdated),
            typeof(XapiMappingSet) };
        Assert.Equal(EventTypes.All.Where(t => !EventTypes.ServerOnly.Contains(t)).ToHashSet(), tested.ToHashSet());
    }

    [Fact]
    public void On_the_person_route_a_missing_personId_is_taken_from_the_url()
    {
        var e = ReadOk<SkillAssessed>("""{"type":"skill_assessed","skill":"sql","level":2,"method":"self","occurredAt":"2025-03-01T09:00:00Z"}""", defaultPersonId: "P7");
        Assert.Equal("P7", e.PersonId);
    }

    // ---- rejections ----

    [Fact]
    public void Unknown_fields_are_rejected_with_their_path_and_index()
    {
        var evt = Read("""{"type":"skill_assessed","personId":"E1","skill":"sql","level":3,"levle":4,"method":"self","occurredAt":"2025-03-01T09:00:00Z"}""",
            out var errors, index: 2, prefix: "events[2]");
        Assert.Null(evt);
        var error = Assert.Single(errors);
        Assert.Equal(new FieldError(2, "events[2].levle", error.Message), error);
    }

    [Fact]
    public void Snake_case_field_names_are_unknown_fields()
    {
        Read("""{"type":"person_left","person_id":"E1","reason":"other","occurredAt":"2025-03-01T09:00:00Z"}""", out var errors);
        Assert.Equal(["personId", "person_id"], Fields(errors));
    }

    [Fact]
    public void Several_problems_of_one_event_are_reported_at_once()
    {
        var evt = Read("""
            {"type":"skill_assessed","eventId":"","personId":"E1","skill":42,"level":"3","method":"guess","occurredAt":"2025-03-01","extra":true}
            """, out var errors, index: 0, prefix: "events[0]");
        Assert.Null(evt);
        Assert.Equal(["events[0].eventId", "events[0].occurredAt", "events[0].skill", "events[0].level", "events[0].method", "events[0].extra"], Fields(errors));
        Assert.All(errors, e => Assert.Equal(0, e.Index));
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void Value_rules_are_checked_once_the_shape_is_right_and_report_every_broken_value()
    {
        Read("""{"type":"course_completed","personId":"E1","courseId":"c","hours":-1,"score":101,"occurredAt":"2025-03-01T09:00:00Z"}""", out var errors);
        Assert.Equal(["hours", "score"], Fields(errors));
    }

    [Theory]
    [InlineData("""{"occurredAt":"2025-03-01T09:00:00Z"}""", "type")]
    [InlineData("""{"type":"skill_asessed","occurredAt":"2025-03-01T09:00:00Z"}""", "type")]
    [InlineData("""{"type":7}""", "type")]
    [InlineData("""{"type":"person_left","personId":"E1","reason":"voluntary"}""", "occurredAt")]
    [InlineData("""{"type":"person_left","personId":"E1","reason":"voluntary","occurredAt":"2025-03-01T09:00:00"}""", "occurredAt")]
    [InlineData("""{"type":"person_left","personId":"E1","reason":"voluntary","occurredAt":"2025-13-01T09:00:00Z"}""", "occurredAt")]
    [InlineData("""{"type":"person_left","personId":"E1","reason":"fired","occurredAt":"2025-03-01T09:00:00Z"}""", "reason")]
    [InlineData("""{"type":"person_left","personId":"E1\u0000","reason":"other","occurredAt":"2025-03-01T09:00:00Z"}""", "personId")]
    [InlineData("""{"type":"person_moved","personId":"E1","occurredAt":"2025-03-01T09:00:00Z"}""", "department")]
    [InlineData("""{"type":"skill_defined","skill":"s","name":"S","scaleMin":5,"scaleMax":5,"occurredAt":"2025-03-01T09:00:00Z"}""", "scaleMax")]
    [InlineData("""{"type":"skill_defined","skill":"s","name":"S","scaleMin":1,"scaleMax":5,"levelLabels":"a","occurredAt":"2025-03-01T09:00:00Z"}""", "levelLabels")]
    [InlineData("""{"type":"skill_defined","skill":"s","name":"S","scaleMin":1,"scaleMax":5,"category":"","occurredAt":"2025-03-01T09:00:00Z"}""", "category")]
    [InlineData("""{"type":"skill_defined","skill":"s","name":"S","scaleMin":1,"scaleMax":5,"category":3,"occurredAt":"2025-03-01T09:00:00Z"}""", "category")]
    [InlineData("""{"type":"role_profile_defined","role":"r","requirements":[],"occurredAt":"2025-03-01T09:00:00Z"}""", "requirements")]
    [InlineData("""{"type":"role_profile_defined","role":"r","requirements":[{"skill":"a","level":1},{"skill":"a","level":2}],"occurredAt":"2025-03-01T09:00:00Z"}""", "requirements")]
    [InlineData("""{"type":"role_profile_defined","role":"r","requirements":[{"skill":"a"}],"occurredAt":"2025-03-01T09:00:00Z"}""", "requirements[0].level")]
    [InlineData("""{"type":"program_cost","programId":"p","amount":10,"currency":"EURO","occurredAt":"2025-03-01T09:00:00Z"}""", "currency")]
    [InlineData("""{"type":"program_cost","programId":"p","amount":10,"currency":"ABC","occurredAt":"2025-03-01T09:00:00Z"}""", "currency")]
    [InlineData("""{"type":"program_cost","programId":"p","amount":-5,"currency":"USD","occurredAt":"2025-03-01T09:00:00Z"}""", "amount")]
    [InlineData("""{"type":"roi_assumption_set","name":"n","occurredAt":"2025-03-01T09:00:00Z"}""", "value")]
    [InlineData("""{"type":"performance_signal","personId":"E1","metric":"m","value":"10","occurredAt":"2025-03-01T09:00:00Z"}""", "value")]
    [InlineData("""{"type":"person_hired","personId":"E1","department":"D","role":"r","monthlySalary":-1,"occurredAt":"2025-03-01T09:00:00Z"}""", "monthlySalary")]
    public void A_bad_event_is_rejected_naming_its_first_bad_field(string json, string field)
    {
        Assert.Null(Read(json, out var errors));
        Assert.NotEmpty(errors);
        Assert.Equal(field, errors[0].Field);
        Assert.Null(errors[0].Index);
    }

    [Fact]
    public void Length_limits_are_exact()
    {
        string Assessed(string eventId, string personId) =>
            $$"""{"type":"skill_assessed","eventId":"{{eventId}}","personId":"{{personId}}","skill":"sql","level":3,"method":"self","occurredAt":"2025-03-01T09:00:00Z"}""";
        ReadOk<SkillAssessed>(Assessed(new string('e', EventReader.MaxEventIdLength), new string('p', EventReader.MaxPersonIdLength)));
        Read(Assessed(new string('e', EventReader.MaxEventIdLength + 1), "E1"), out var tooLongId);
        Assert.Equal(["eventId"], Fields(tooLongId));
        Read(Assessed("e", new string('p', EventReader.MaxPersonIdLength + 1)), out var tooLongPerson);
        Assert.Equal(["personId"], Fields(tooLongPerson));
    }

    [Fact]
    public void A_non_object_is_rejected_at_its_own_path()
    {
        Assert.Null(Read("[1,2]", out var errors, index: 4, prefix: "events[4]"));
        Assert.Equal(new FieldError(4, "events[4]", errors[0].Message), Assert.Single(errors));
    }
}
