namespace SkillsLedger.Projections.Analytics;

// The tables of the `analytics` schema that several events or derived figures fill, one declaration each (the
// tables of a single event type are declared in that event's file, e.g. analytics.course in CourseDefined.cs): columns in their order in the database (a column
// added later goes last, where ALTER TABLE … ADD COLUMN puts it, so old and new databases agree), primary key,
// indexes and the descriptions that become COMMENTs. The analytics projection declares them as its schema
// objects, so Marten's migration creates and alters them (docs/architecture.md, "Storage"). A new instance per
// use: Weasel's tables are mutable objects.
public static partial class AnalyticsSchema
{


    public static AnalyticsTable Person => new AnalyticsTable("person",
            "Each person's current department, role and team, hire and departure (person_hired, person_moved, person_left).")
        .Organisation()
        .Key("person_id", "text", "Opaque employee number.")
        .Optional("department", "text", "Current department.")
        .Optional("role", "text", "Current role (joins analytics.role_requirement.role).")
        .Optional("team", "text", "Current team, if any.")
        .Optional("monthly_salary", "numeric", "Monthly salary at hire, in the organisation's currency, if given.")
        .Required("hired_at", "timestamptz", "occurredAt of the latest person_hired.")
        .Optional("left_at", "timestamptz", "occurredAt of person_left; null while employed.")
        .Optional("left_reason", "text", "voluntary, involuntary or other; null while employed.")
        .Optional("erased_at", "timestamptz", "When the person's personal data was erased (person_erased); their facts still count in every figure.")
        .Index("person_team", "org_id", "team");

    public static AnalyticsTable SkillAssessment => new AnalyticsTable("skill_assessment",
            "Every skill_assessed event, with whether it still counts (included = false once retracted).")
        .Organisation()
        .Key("event_id", "text", "eventId of the skill_assessed event.")
        .Required("sequence", "bigint", "Global sequence number of the event in the ledger.")
        .Required("person_id", "text", "Person assessed (joins analytics.person).")
        .Required("skill", "text", "Skill assessed (joins analytics.skill).")
        .Required("level", "numeric", "Level on the skill's own scale.")
        .Required("method", "text", "self, peer, manager, test, certification or inferred.")
        .Required("method_weight", "double precision", "Weight of the method under rule weighted-recency v1 (certification 1.0 … inferred 0.2).")
        .Required("occurred_at", "timestamptz", "When the assessment happened (business time).")
        .Required("recorded_at", "timestamptz", "When the ledger stored it.")
        .Optional("recorded_by", "text", "Identity that recorded it.")
        .Optional("source", "text", "System it came from, if given.")
        .Required("included", "boolean", "False once an assessment_retracted names it.")
        .Optional("retracted_by_event_id", "text", "eventId of the retraction, if any.")
        .Optional("retraction_reason", "text", "Reason given by the retraction, if any.")
        .Index("skill_assessment_person_skill", "org_id", "person_id", "skill");

    public static AnalyticsTable PersonSkillLevel => new AnalyticsTable("person_skill_level",
            "Current derived level per person and skill, under a named rule version (see docs/derivation.md). Absent when the person has no included assessment.")
        .Organisation()
        .Key("person_id", "text", "Person (joins analytics.person).")
        .Key("skill", "text", "Skill (joins analytics.skill).")
        .Key("rule_name", "text", "Derivation rule, e.g. weighted-recency.")
        .Key("rule_version", "integer", "Version of the rule.")
        .Required("level", "double precision", "Weighted level: sum(w*level)/sum(w) over included assessments, on the skill's scale.")
        .Required("evidence_weight", "double precision", "sum(w): how much evidence backs the level (1.0 = one fresh certification).")
        .Required("assessments", "integer", "Number of included assessments.")
        .Required("last_assessed_at", "timestamptz", "occurredAt of the newest included assessment (t*).");

    public static AnalyticsTable SkillGrowth => new AnalyticsTable("skill_growth",
            "Growth velocity: ordinary least-squares slope of assessed level against time, for person-skills with at least two included assessments at least 30 days apart.")
        .Organisation()
        .Key("person_id", "text", "Person (joins analytics.person).")
        .Key("skill", "text", "Skill (joins analytics.skill).")
        .Required("slope_per_year", "double precision", "OLS slope in levels per year (365.25 days), all included assessments weighted equally.")
        .Required("assessments", "integer", "Number of included assessments in the fit.")
        .Required("first_assessed_at", "timestamptz", "Earliest included assessment.")
        .Required("last_assessed_at", "timestamptz", "Latest included assessment.")
        .Required("span_days", "double precision", "Days between first and last included assessment (at least 30).");






    public static AnalyticsTable PersonAssignment => new AnalyticsTable("person_assignment",
            "Department, role and team of a person after each person_hired and person_moved (one row per event), effective from its occurredAt: where someone worked at any date. The row in force at time t is the latest with valid_from <= t (ties: higher sequence).")
        .Organisation()
        .Required("person_id", "text", "Person.")
        .Key("event_id", "text", "eventId of the person_hired or person_moved event.")
        .Required("sequence", "bigint", "Position of that event in the organisation's log.")
        .Required("valid_from", "timestamptz", "occurredAt of the event: from when this assignment holds.")
        .Optional("department", "text", "Department after the event (a move that names no department keeps the previous one).")
        .Optional("role", "text", "Role after the event.")
        .Optional("team", "text", "Team after the event, if any.")
        .Index("person_assignment_person", "org_id", "person_id", "valid_from");






    public static AnalyticsTable StrategicTarget => new AnalyticsTable("strategic_target",
            "Targets of each goal revision: by the due date, headcount people in scope at level or above on skill.")
        .Organisation()
        .Key("event_id", "text", "Revision (joins analytics.strategic_goal.event_id).")
        .Key("target_no", "int", "Position of the target in the revision (0-based).")
        .Required("goal_id", "text", "Goal id.")
        .Required("skill", "text", "Skill (joins analytics.skill).")
        .Required("level", "numeric", "Level to reach, on the skill's scale (met when level >= this, compared at 9 decimals).")
        .Required("headcount", "int", "How many people should be at that level.")
        .Required("scope_kind", "text", "organisation, department, role or team: where people count.")
        .Optional("scope_value", "text", "The department, role or team; null for the whole organisation.");


    /// <summary>A table an event type declares in its own file (<see cref="DeclaredTables"/>).</summary>
    private static AnalyticsTable Event(string name) => DeclaredTables.Declare(name);

    /// <summary>Every table, in the order they are created, rebuilt and listed.</summary>
    public static IReadOnlyList<AnalyticsTable> Declared() => [.. Listed(), .. DeclaredTables.ByName.Keys.Except(Listed().Select(t => t.Identifier.Name)).Select(Event)];

    /// <summary>The tables in the order of contract v1 and v1.1; an event type's table added later comes after them.</summary>
    private static IReadOnlyList<AnalyticsTable> Listed() =>
    [
        Event("skill"), Event("role_requirement"), Person, SkillAssessment, PersonSkillLevel,
        SkillGrowth, Event("course_completion"), Event("course_completion_skill"), Event("performance_signal"), Event("program_cost"),
        Event("roi_assumption"), PersonAssignment, Event("course"), Event("course_skill"), Event("program"),
        Event("program_goal"), Event("strategic_goal"), StrategicTarget, Event("strategic_goal_retirement")
    ];
}
