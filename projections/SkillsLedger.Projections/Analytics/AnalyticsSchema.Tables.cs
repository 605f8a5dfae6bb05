namespace SkillsLedger.Projections.Analytics;

// The tables of the `analytics` schema, one declaration each: columns in their order in the database (a column
// added later goes last, where ALTER TABLE … ADD COLUMN puts it, so old and new databases agree), primary key,
// indexes and the descriptions that become COMMENTs. The analytics projection declares them as its schema
// objects, so Marten's migration creates and alters them (docs/architecture.md, "Storage"). A new instance per
// use: Weasel's tables are mutable objects.
public static partial class AnalyticsSchema
{
    public static AnalyticsTable Skill => new AnalyticsTable("skill",
            "Skills of the taxonomy with their own scale (latest skill_defined per skill).")
        .Organisation()
        .Key("skill", "text", "Skill id as used in events, e.g. data-analysis.")
        .Required("name", "text", "Display name.")
        .Required("scale_min", "numeric", "Lowest level of this skill's scale.")
        .Required("scale_max", "numeric", "Highest level of this skill's scale.")
        .Required("defined_at", "timestamptz", "occurredAt of the skill_defined event in force.")
        .Required("event_id", "text", "eventId of the skill_defined event in force.")
        .Optional("category", "text", "Skill family from skill_defined.category (e.g. technical, digital, power, domain, leadership), if given.");

    public static AnalyticsTable RoleRequirement => new AnalyticsTable("role_requirement",
            "Target skill profile of each role (latest role_profile_defined per role): one row per role and required skill.")
        .Organisation()
        .Key("role", "text", "Role id, e.g. data-analyst.")
        .Key("skill", "text", "Required skill (joins analytics.skill.skill).")
        .Required("target_level", "numeric", "Target level on the skill's own scale.")
        .Required("event_id", "text", "eventId of the role_profile_defined event in force.");

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

    public static AnalyticsTable CourseCompletion => new AnalyticsTable("course_completion",
            "Every course_completed event.")
        .Organisation()
        .Key("event_id", "text", "eventId of the course_completed event.")
        .Required("person_id", "text", "Learner (joins analytics.person).")
        .Required("course_id", "text", "Course id.")
        .Optional("program_id", "text", "Programme the course belongs to, if any (joins analytics.program_cost.program_id).")
        .Required("hours", "numeric", "Learning hours.")
        .Optional("score", "numeric", "Score 0–100, if given.")
        .Required("completed_at", "timestamptz", "When the course was completed.")
        .Index("course_completion_person", "org_id", "person_id");

    public static AnalyticsTable CourseCompletionSkill => new AnalyticsTable("course_completion_skill",
            "Skills a completed course trains: one row per course_completed event and skill.")
        .Organisation()
        .Key("event_id", "text", "eventId of the course_completed event (joins analytics.course_completion).")
        .Key("skill", "text", "Skill trained.");

    public static AnalyticsTable PerformanceSignal => new AnalyticsTable("performance_signal",
            "Every performance_signal event (e.g. monthly totals of a metric).")
        .Organisation()
        .Key("event_id", "text", "eventId of the performance_signal event.")
        .Required("person_id", "text", "Person (joins analytics.person).")
        .Required("metric", "text", "Metric name, e.g. tickets_resolved.")
        .Required("value", "numeric", "Measured value.")
        .Optional("unit", "text", "Unit, e.g. tickets/month, if given.")
        .Required("occurred_at", "timestamptz", "End of the period measured.")
        .Index("performance_signal_person", "org_id", "person_id", "metric");

    public static AnalyticsTable ProgramCost => new AnalyticsTable("program_cost",
            "Every program_cost event.")
        .Organisation()
        .Key("event_id", "text", "eventId of the program_cost event.")
        .Required("program_id", "text", "Programme (joins analytics.course_completion.program_id).")
        .Required("amount", "numeric", "Amount spent, in currency.")
        .Required("currency", "text", "ISO 4217 currency code.")
        .Optional("category", "text", "Cost category, if given (facilitation, licences, venue…).")
        .Required("occurred_at", "timestamptz", "When the cost was incurred.");

    public static AnalyticsTable RoiAssumption => new AnalyticsTable("roi_assumption",
            "Monetary assumptions ROI uses (latest roi_assumption_set per name), with the event that set them.")
        .Organisation()
        .Key("name", "text", "Assumption name, e.g. loaded_hourly_cost, replacement_cost_months, value_per_unit:tickets_resolved.")
        .Required("value", "numeric", "Value in force.")
        .Optional("unit", "text", "Unit, e.g. EUR/hour, if given.")
        .Optional("note", "text", "Note given with it (source, approval), if any.")
        .Required("set_at", "timestamptz", "occurredAt of the roi_assumption_set event in force.")
        .Required("event_id", "text", "eventId of the roi_assumption_set event in force (for auditors).");

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

    public static AnalyticsTable Course => new AnalyticsTable("course",
            "Course catalogue (latest course_defined per course). Completions of courses not in it have modality unknown.")
        .Organisation()
        .Key("course_id", "text", "Course id as in course_completed.courseId.")
        .Required("name", "text", "Display name.")
        .Optional("program_id", "text", "Programme the course belongs to (joins analytics.program), if any.")
        .Required("modality", "text", "Delivery format: online, classroom, microlearning, coaching, simulation, community, blended or on_the_job.")
        .Required("hours", "numeric", "Catalogue length in hours.")
        .Required("defined_at", "timestamptz", "occurredAt of the course_defined event in force.")
        .Required("event_id", "text", "eventId of the course_defined event in force.")
        .Optional("provider", "text", "Who delivers the course (the organisation's academy or a vendor), as course_defined.provider names it, if stated.");

    public static AnalyticsTable CourseSkill => new AnalyticsTable("course_skill",
            "Skills each catalogue course trains (from the course_defined in force).")
        .Organisation()
        .Key("course_id", "text", "Course (joins analytics.course).")
        .Key("skill", "text", "Skill trained (joins analytics.skill).")
        .Optional("target_level", "numeric", "Level the course aims to bring a learner to, on the skill's scale, if stated.");

    public static AnalyticsTable Program => new AnalyticsTable("program",
            "Learning programmes (latest program_defined per programme). Costs are in analytics.program_cost.")
        .Organisation()
        .Key("program_id", "text", "Programme id as in program_cost and course_completed.")
        .Required("name", "text", "Display name.")
        .Optional("owner", "text", "Owner named in program_defined, if any.")
        .Required("defined_at", "timestamptz", "occurredAt of the program_defined event in force.")
        .Required("event_id", "text", "eventId of the program_defined event in force.");

    public static AnalyticsTable ProgramGoal => new AnalyticsTable("program_goal",
            "Which strategic goals each programme serves (from the program_defined in force).")
        .Organisation()
        .Key("program_id", "text", "Programme (joins analytics.program).")
        .Key("goal_id", "text", "Goal (joins analytics.strategic_goal).");

    public static AnalyticsTable StrategicGoal => new AnalyticsTable("strategic_goal",
            "Every revision of every strategic goal (one row per strategic_goal_set): the goal as it stood at time t is its latest revision with set_at <= t (ties: higher sequence), unless retired by then (analytics.strategic_goal_retirement).")
        .Organisation()
        .Required("goal_id", "text", "Goal id.")
        .Key("event_id", "text", "eventId of this revision (joins analytics.strategic_target).")
        .Required("sequence", "bigint", "Position of the revision in the log.")
        .Required("name", "text", "Goal name.")
        .Required("due_date", "date", "Date by which the targets should be met.")
        .Optional("note", "text", "Note given with the revision, if any.")
        .Required("set_at", "timestamptz", "occurredAt of the revision: from when it holds.")
        .Required("recorded_at", "timestamptz", "When the ledger stored the revision (for knownAt views).")
        .Index("strategic_goal_goal", "org_id", "goal_id", "set_at");

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

    public static AnalyticsTable StrategicGoalRetirement => new AnalyticsTable("strategic_goal_retirement",
            "strategic_goal_retired events: a goal retired at t is not shown for dates from t on.")
        .Organisation()
        .Key("event_id", "text", "eventId of the strategic_goal_retired event.")
        .Required("goal_id", "text", "Goal retired.")
        .Required("reason", "text", "Reason given.")
        .Required("retired_at", "timestamptz", "occurredAt of the retirement.")
        .Required("sequence", "bigint", "Position of the event in the log.");

    /// <summary>Every table, in the order they are created, rebuilt and listed.</summary>
    public static IReadOnlyList<AnalyticsTable> Declared() =>
    [
        Skill, RoleRequirement, Person, SkillAssessment, PersonSkillLevel,
        SkillGrowth, CourseCompletion, CourseCompletionSkill, PerformanceSignal, ProgramCost,
        RoiAssumption, PersonAssignment, Course, CourseSkill, Program,
        ProgramGoal, StrategicGoal, StrategicTarget, StrategicGoalRetirement
    ];
}
