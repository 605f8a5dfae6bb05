using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>Set-based twins of <c>AnalyticsSql.Strategy.cs</c>: assignment history and goal targets; the catalogue and goal tables are declared by their events.</summary>
public static partial class AnalyticsRebuildSql
{
    private static IEnumerable<Step> StrategySteps(string schema, string target) =>
    [
        // One row per hire or move after the person's first hire: each field is the move's value when it names one,
        // else the latest earlier value since the latest hire (a hire sets all three, team possibly null), exactly as
        // the live projection copies analytics.person after applying each event. "Latest non-null" is done with the
        // running-count trick: rows sharing a count of non-null values belong to the value that started the run.
        new("person_assignment", $"""
            with p as (
                   select e.tenant_id as org, e.data->>'personId' as person, e.seq_id as seq, e.type = '{Name<PersonHired>()}' as is_hire,
                          e.data->>'eventId' as event_id, {Time("e.data->>'occurredAt'")} as valid_from,
                          e.data->>'department' as department, e.data->>'role' as role, e.data->>'team' as team
                     from {MinorEvents} e where e.type in ('{Name<PersonHired>()}', '{Name<PersonMoved>()}')),
                 h as (
                   select *, count(*) filter (where is_hire) over (partition by org, person order by seq) as hire_no from p),
                 r as (
                   select *, count(department) over w as d_no, count(role) over w as r_no,
                          count(*) filter (where team is not null or is_hire) over w as t_no
                     from h where hire_no > 0
                   window w as (partition by org, person, hire_no order by seq))
            insert into {target}.person_assignment (org_id, person_id, event_id, sequence, valid_from, department, role, team)
            select org, person, event_id, seq, valid_from,
                   first_value(department) over (partition by org, person, hire_no, d_no order by seq),
                   first_value(role) over (partition by org, person, hire_no, r_no order by seq),
                   first_value(team) over (partition by org, person, hire_no, t_no order by seq)
              from r
            """),

        // The catalogue and every goal revision, from the tables their events declare (latest definition per course and
        // programme, with only its own skills and goals).
        Declared("course", schema, target),
        Declared("course_skill", schema, target),
        Declared("program", schema, target),
        Declared("program_goal", schema, target),
        Declared("strategic_goal", schema, target),

        // The targets of every goal revision: a scope becomes its kind and value.
        new("strategic_target", $"""
            insert into {target}.strategic_target (org_id, event_id, target_no, goal_id, skill, level, headcount, scope_kind, scope_value)
            select e.tenant_id, e.data->>'eventId', (t.n - 1)::int, e.data->>'goalId', t.value->>'skill', (t.value->>'level')::numeric,
                   (t.value->>'headcount')::int,
                   case when t.value->'scope'->>'department' is not null then 'department' when t.value->'scope'->>'role' is not null then 'role'
                        when t.value->'scope'->>'team' is not null then 'team' else 'organisation' end,
                   coalesce(t.value->'scope'->>'department', t.value->'scope'->>'role', t.value->'scope'->>'team')
              from (select * from {Events("", Name<StrategicGoalSet>())}) e
             cross join lateral jsonb_array_elements(e.data->'targets') with ordinality t(value, n)
            """),
        Declared("strategic_goal_retirement", schema, target),
    ];
}
