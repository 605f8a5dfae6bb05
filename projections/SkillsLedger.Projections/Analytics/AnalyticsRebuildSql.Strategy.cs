using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.Analytics;

/// <summary>Set-based twins of <c>AnalyticsSql.Strategy.cs</c>: assignment history, course and programme catalogue, goals.</summary>
public static partial class AnalyticsRebuildSql
{
    private static IEnumerable<Step> StrategySteps(string target) =>
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

        // Latest course_defined per course, with that definition's skills (a skill listed twice keeps its first entry).
        new("course", $"""
            insert into {target}.course (org_id, course_id, name, program_id, modality, hours, defined_at, event_id, provider)
            select distinct on (e.tenant_id, e.data->>'courseId')
                   e.tenant_id, e.data->>'courseId', e.data->>'name', e.data->>'programId', e.data->>'modality',
                   (e.data->>'hours')::numeric, {Time("e.data->>'occurredAt'")}, e.data->>'eventId', e.data->>'provider'
              from {Events("", Name<CourseDefined>())}
             order by e.tenant_id, e.data->>'courseId', e.seq_id desc
            """),
        new("course_skill", $"""
            insert into {target}.course_skill (org_id, course_id, skill, target_level)
            select distinct on (c.tenant_id, c.course_id, s.value->>'skill') c.tenant_id, c.course_id, s.value->>'skill', (s.value->>'targetLevel')::numeric
              from (select distinct on (e.tenant_id, e.data->>'courseId') e.tenant_id, e.data->>'courseId' as course_id, e.data->'skills' as skills
                      from {Events("", Name<CourseDefined>())}
                     order by e.tenant_id, e.data->>'courseId', e.seq_id desc) c
             cross join lateral jsonb_array_elements(c.skills) with ordinality s(value, n)
             order by c.tenant_id, c.course_id, s.value->>'skill', s.n
            """),

        new("program", $"""
            insert into {target}.program (org_id, program_id, name, owner, defined_at, event_id)
            select distinct on (e.tenant_id, e.data->>'programId')
                   e.tenant_id, e.data->>'programId', e.data->>'name', e.data->>'owner', {Time("e.data->>'occurredAt'")}, e.data->>'eventId'
              from {Events("", Name<ProgramDefined>())}
             order by e.tenant_id, e.data->>'programId', e.seq_id desc
            """),
        new("program_goal", $"""
            insert into {target}.program_goal (org_id, program_id, goal_id)
            select distinct p.tenant_id, p.program_id, g.goal
              from (select distinct on (e.tenant_id, e.data->>'programId') e.tenant_id, e.data->>'programId' as program_id, e.data->'goals' as goals
                      from {Events("", Name<ProgramDefined>())}
                     order by e.tenant_id, e.data->>'programId', e.seq_id desc) p
             cross join lateral jsonb_array_elements_text(p.goals) g(goal)
            """),

        // Every revision of every goal, its targets, and every retirement.
        new("strategic_goal", $"""
            insert into {target}.strategic_goal (org_id, goal_id, event_id, sequence, name, due_date, note, set_at, recorded_at)
            select e.tenant_id, e.data->>'goalId', e.data->>'eventId', e.seq_id, e.data->>'name', (e.data->>'dueDate')::date,
                   e.data->>'note', {Time("e.data->>'occurredAt'")}, e.timestamp
              from {Events("", Name<StrategicGoalSet>())}
            """),
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
        new("strategic_goal_retirement", $"""
            insert into {target}.strategic_goal_retirement (org_id, event_id, goal_id, reason, retired_at, sequence)
            select e.tenant_id, e.data->>'eventId', e.data->>'goalId', e.data->>'reason', {Time("e.data->>'occurredAt'")}, e.seq_id
              from {Events("", Name<StrategicGoalRetired>())}
            """),
    ];
}
