using SkillsLedger.Domain.SkillLevels;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Statements the analytics projection queues. Parameters are positional ("?"). Aggregates name their row
/// order (ORDER BY inside the call) so floating-point sums are identical however the rows lie on disk: a rebuild
/// must reproduce the tables byte for byte.
/// </summary>
public static partial class AnalyticsSql
{

    public const string UpsertHire = """
        insert into analytics.person (org_id, person_id, department, role, team, monthly_salary, hired_at, left_at, left_reason)
        values (?, ?, ?, ?, ?, ?, ?, null, null)
        on conflict (org_id, person_id) do update set department = excluded.department, role = excluded.role, team = excluded.team,
          monthly_salary = excluded.monthly_salary, hired_at = excluded.hired_at, left_at = null, left_reason = null
        """;

    public const string ApplyMove = """
        update analytics.person set department = coalesce(?, department), role = coalesce(?, role), team = coalesce(?, team)
        where org_id = ? and person_id = ?
        """;

    public const string ApplyLeave = "update analytics.person set left_at = ?, left_reason = ? where org_id = ? and person_id = ?";

    /// <summary>
    /// A page's assessments in one statement: parallel arrays (event id, sequence, person, skill, level, method, weight,
    /// occurred, recorded, recorded by, source) in log order. Event ids are unique per organisation, and the
    /// conflict clause keeps the first row should one ever repeat.
    /// </summary>
    public const string InsertAssessments = """
        insert into analytics.skill_assessment (org_id, event_id, sequence, person_id, skill, level, method, method_weight,
          occurred_at, recorded_at, recorded_by, source, included)
        select ?, t.event_id, t.sequence, t.person_id, t.skill, t.level, t.method, t.method_weight, t.occurred_at, t.recorded_at,
               t.recorded_by, t.source, true
          from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::float8[], ?::timestamptz[],
                      ?::timestamptz[], ?::text[], ?::text[]) with ordinality
               as t(event_id, sequence, person_id, skill, level, method, method_weight, occurred_at, recorded_at, recorded_by, source, n)
         order by t.n
        on conflict (org_id, event_id) do nothing
        """;

    /// <summary>
    /// A page's retractions (arrays: retraction id, retracted id, reason, sequence) in one statement. Each assessment
    /// takes the first retraction that comes after it in the log; an assessment already retracted keeps its first.
    /// Parameters: org, the four arrays, org.
    /// </summary>
    public const string RetractAll = """
        update analytics.skill_assessment a set included = false, retracted_by_event_id = f.retraction_id, retraction_reason = f.reason
          from (select distinct on (s.event_id) s.event_id, r.retraction_id, r.reason
                  from unnest(?::text[], ?::text[], ?::text[], ?::bigint[]) as r(retraction_id, target, reason, sequence)
                  join analytics.skill_assessment s on s.org_id = ? and s.event_id = r.target and s.sequence < r.sequence and s.included
                 order by s.event_id, r.sequence) f
         where a.org_id = ? and a.event_id = f.event_id
        """;

    /// <summary>
    /// The person-skills a page touched: its assessments' (person, skill) pairs and those of the assessments it
    /// retracted. Parameters: persons[], skills[], org, retracted ids[]; <paramref name="org"/> names the org column.
    /// </summary>
    public static string Touched(string alias) => $"""
        ({alias}.person_id, {alias}.skill) in (
           select * from unnest(?::text[], ?::text[])
           union select person_id, skill from analytics.skill_assessment where org_id = ? and event_id = any(?::text[]))
        """;

    /// <summary>Parameters: org, then those of <see cref="Touched"/>.</summary>
    public static readonly string DeleteTouchedLevels =
        $"delete from analytics.person_skill_level l where l.org_id = ? and l.rule_name = 'weighted-recency' and l.rule_version = 1 and {Touched("l")}";

    public static readonly string DeleteTouchedGrowth = $"delete from analytics.skill_growth g where g.org_id = ? and {Touched("g")}";

    public static readonly string InsertTouchedLevels = InsertLevels($"a.org_id = ? and {Touched("a")}");
    public static readonly string InsertTouchedGrowth = InsertGrowths($"a.org_id = ? and {Touched("a")}");

    // The formulas of rule weighted-recency v1 and of growth velocity, shared by the live statements (a page of
    // person-skills) and the full rebuild (all of them at once), so both give the same doubles bit for bit.

    /// <summary>
    /// Recency weight of one assessment (alias a): method weight halved per half-life (the rule's
    /// <see cref="WeightedRecencyRule.HalfLifeDays"/>, 365 days) before the person-skill's latest.
    /// </summary>
    internal static string RecencyWeight => $"""
        a.method_weight * power(0.5::double precision,
          extract(epoch from (max(a.occurred_at) over (partition by a.org_id, a.person_id, a.skill) - a.occurred_at))::double precision
            / 86400.0 / {HalfLifeDays})
        """;

    /// <summary>The rule's half-life as an SQL literal (also substituted for {{half_life_days}} in analytics-schema.sql).</summary>
    internal static string HalfLifeDays => WeightedRecencyRule.HalfLifeDays.ToString("0.0##", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>level, evidence_weight, assessments, last_assessed_at over rows carrying w (sums in log order).</summary>
    private const string LevelAggregates =
        "sum(w * level::double precision order by sequence) / sum(w order by sequence), sum(w order by sequence), count(*), max(occurred_at)";

    /// <summary>OLS slope of level against time in 365.25-day years, in log order.</summary>
    private const string GrowthSlope =
        "regr_slope(level::double precision, extract(epoch from occurred_at)::double precision / 31557600.0 order by sequence)";

    private const string GrowthSpanDays = "extract(epoch from (max(occurred_at) - min(occurred_at)))::double precision / 86400.0";

    /// <summary>Growth needs two included assessments at least 30 days apart.</summary>
    private const string GrowthQualifies = "count(*) >= 2 and max(occurred_at) - min(occurred_at) >= interval '30 days'";

    /// <summary>
    /// Level of every person-skill whose included assessments match <paramref name="where"/> (over alias a): rule
    /// weighted-recency v1, the same formula as WeightedRecencyRule. The recency window is per person-skill and the
    /// sums name their order, so the live projection (a page of person-skills) and the full rebuild (all of them)
    /// produce the same doubles bit for bit. <paramref name="schema"/>: where the tables are.
    /// </summary>
    public static string InsertLevels(string where, string schema = AnalyticsSchema.Name) => $"""
        insert into {schema}.person_skill_level (org_id, person_id, skill, rule_name, rule_version, level, evidence_weight, assessments, last_assessed_at)
        select org_id, person_id, skill, 'weighted-recency', 1, {LevelAggregates}
          from (select a.org_id, a.person_id, a.skill, a.level, a.sequence, a.occurred_at, {RecencyWeight} as w
                  from {schema}.skill_assessment a
                 where a.included and {where}) x
         group by org_id, person_id, skill
        """;

    /// <summary>Growth velocity (OLS slope, levels per 365.25-day year) of every matching person-skill.</summary>
    public static string InsertGrowths(string where, string schema = AnalyticsSchema.Name) => $"""
        insert into {schema}.skill_growth (org_id, person_id, skill, slope_per_year, assessments, first_assessed_at, last_assessed_at, span_days)
        select org_id, person_id, skill, {GrowthSlope}, count(*), min(occurred_at), max(occurred_at), {GrowthSpanDays}
          from {schema}.skill_assessment a
         where a.included and {where}
         group by org_id, person_id, skill
        having {GrowthQualifies}
        """;

    /// <summary>
    /// Levels and growth of every person-skill in one pass (the full rebuild): one scan and one sort of all included
    /// assessments feed both tables, with the formulas of <see cref="InsertLevels"/> and <see cref="InsertGrowths"/>.
    /// The statement's row count is that of skill_growth.
    /// Here the rows are sorted once by person-skill and sequence in a subquery, and the aggregates take them in that
    /// order instead of each sorting every group again by sequence (PostgreSQL 15 sorts each ordered aggregate per
    /// group, a large share of this statement: docs/performance.md, "Figures behind choices in the code"). Aggregates receive the rows in the order their input delivers
    /// them (the sorted-subquery form PostgreSQL's manual gives for ordered aggregation), and the window keeps that
    /// order, so every sum adds the same doubles in the same order as the live statements: the tests compare the two
    /// bit for bit (AnalyticsEquivalenceTests). The rebuild runs without parallel workers, so no gather interleaves rows.
    /// </summary>
    public static string InsertAllLevelsAndGrowths(string schema) => $"""
        with g (org_id, person_id, skill, level, evidence_weight, assessments, last_assessed_at, slope_per_year, first_assessed_at, span_days, has_growth)
          as materialized (
               select org_id, person_id, skill, {Presorted(LevelAggregates)}, {Presorted(GrowthSlope)}, min(occurred_at), {GrowthSpanDays}, {GrowthQualifies}
                 from (select a.org_id, a.person_id, a.skill, a.level, a.sequence, a.occurred_at,
                              {RecencyWeightInLogOrder} as w
                         from {schema}.skill_assessment a
                        where a.included
                        order by a.org_id, a.person_id, a.skill, a.sequence) x
                group by org_id, person_id, skill),
             levels as (
               insert into {schema}.person_skill_level (org_id, person_id, skill, rule_name, rule_version, level, evidence_weight, assessments, last_assessed_at)
               select org_id, person_id, skill, 'weighted-recency', 1, level, evidence_weight, assessments, last_assessed_at from g)
        insert into {schema}.skill_growth (org_id, person_id, skill, slope_per_year, assessments, first_assessed_at, last_assessed_at, span_days)
        select org_id, person_id, skill, slope_per_year, assessments, first_assessed_at, last_assessed_at, span_days from g where has_growth
        """;

    /// <summary>
    /// <see cref="RecencyWeight"/> with its window also ordered by sequence (the same max over the whole person-skill),
    /// so one sort serves the window and the subquery's ORDER BY.
    /// </summary>
    private static readonly string RecencyWeightInLogOrder = RecencyWeight.Contains("partition by a.org_id, a.person_id, a.skill)")
        ? RecencyWeight.Replace("partition by a.org_id, a.person_id, a.skill)",
            "partition by a.org_id, a.person_id, a.skill order by a.sequence rows between unbounded preceding and unbounded following)")
        : throw new InvalidOperationException("RecencyWeight's window changed");

    /// <summary>An aggregate list without its ORDER BY clauses, for input already sorted by sequence.</summary>
    private static string Presorted(string aggregates) =>
        aggregates.Contains(" order by sequence") ? aggregates.Replace(" order by sequence", "") : throw new InvalidOperationException("no ordered aggregate");

    public const string MarkErased = "update analytics.person set erased_at = ? where org_id = ? and person_id = ?";
}
