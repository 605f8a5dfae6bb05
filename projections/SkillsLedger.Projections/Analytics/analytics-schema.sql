-- What the `analytics` schema has besides its tables, which Weasel cannot declare: the schema's comment, the views
-- over the tables, and row-level security. The tables themselves (columns, keys, indexes, comments) are declared in
-- AnalyticsSchema.Tables.cs and created or altered by Marten's migration first; AnalyticsSchema.ApplyAsync runs this
-- file right after it, in the same start-up path; it drops the views below when one of them blocks the migration
-- (PostgreSQL will not change the type of, or drop, a column a view reads). Idempotent.
create schema if not exists analytics;
comment on schema analytics is 'SkillsLedger read models for BI tools: one row per fact or per current state, every table keyed by org_id (organisation). Rebuilt from the event log by `skillsledger rebuild analytics`.';

-- Levels are compared at 9 decimals (LevelPrecision.CompareDecimals, docs/derivation.md): a level is a ratio of
-- double sums, and 3 assessed twice can come out as 2.9999999999999996, which must not be a gap. This view is the
-- one place a gap is computed; the API and BI read it, the stored level stays exact.
create or replace view analytics.team_skill_gap with (security_invoker = on) as
  select p.org_id, p.team, p.person_id, p.role, r.skill, r.target_level as target, l.level,
         case when l.level is null then r.target_level::double precision
              else greatest(0, round((r.target_level::double precision - l.level)::numeric, {{compare_decimals}}))::double precision end as gap
    from analytics.person p
    join analytics.role_requirement r on r.org_id = p.org_id and r.role = p.role
    left join analytics.person_skill_level l
      on l.org_id = p.org_id and l.person_id = p.person_id and l.skill = r.skill
     and l.rule_name = 'weighted-recency' and l.rule_version = 1
   where p.left_at is null;
comment on view analytics.team_skill_gap is 'For every current member (not departed) and every skill of their role''s profile: target, level (null if never assessed) and gap = max(0, round(target - level, 9)) (levels compared at 9 decimals), or target when never assessed.';
comment on column analytics.team_skill_gap.org_id is 'Organisation (tenant) id.';
comment on column analytics.team_skill_gap.team is 'Current team (null for people without a team).';
comment on column analytics.team_skill_gap.person_id is 'Person.';
comment on column analytics.team_skill_gap.role is 'Current role.';
comment on column analytics.team_skill_gap.skill is 'Skill required by the role.';
comment on column analytics.team_skill_gap.target is 'Target level of the role profile.';
comment on column analytics.team_skill_gap.level is 'Current level (weighted-recency v1), null if never assessed.';
comment on column analytics.team_skill_gap.gap is 'max(0, round(target - level, 9)): levels are compared at 9 decimals, so floating-point noise (2.9999999999999996 against 3) is no gap; target when never assessed. gap > 0 means below target.';

-- Supply of each target of the goals in force over the last 24 month ends: people employed then (their latest
-- hire by then, not yet left) and in the target's scope then (analytics.person_assignment) whose level then (rule
-- weighted-recency v1 over the assessments that occurred by then and are not retracted) is at least the target
-- level, compared at 9 decimals. The API's trend (GET /api/strategy/goals) gives the same counts with knownAt = now.
create or replace view analytics.goal_supply_monthly with (security_invoker = on) as
  with months as (
         select ((m + interval '1 month' - interval '1 microsecond') at time zone 'UTC') as month_end
           from generate_series(date_trunc('month', now() at time zone 'UTC') - interval '23 months',
                                date_trunc('month', now() at time zone 'UTC'), interval '1 month') m),
       latest as (
         select distinct on (g.org_id, g.goal_id) g.org_id, g.goal_id, g.event_id, g.set_at
           from analytics.strategic_goal g
          order by g.org_id, g.goal_id, g.set_at desc, g.sequence desc),
       targets as (
         select t.* from analytics.strategic_target t
           join latest g on g.org_id = t.org_id and g.event_id = t.event_id
          where not exists (select 1 from analytics.strategic_goal_retirement r
                             where r.org_id = g.org_id and r.goal_id = g.goal_id and r.retired_at >= g.set_at and r.retired_at <= now())),
       in_scope as (
         select t.org_id, t.goal_id, t.target_no, t.skill, t.level as target_level, t.headcount, m.month_end, p.person_id
           from targets t cross join months m
           join analytics.person p on p.org_id = t.org_id and p.hired_at <= m.month_end and (p.left_at is null or p.left_at > m.month_end)
           cross join lateral (
                select a.department, a.role, a.team from analytics.person_assignment a
                 where a.org_id = p.org_id and a.person_id = p.person_id and a.valid_from <= m.month_end
                 order by a.valid_from desc, a.sequence desc limit 1) a
          where t.scope_kind = 'organisation'
             or (t.scope_kind = 'department' and a.department = t.scope_value)
             or (t.scope_kind = 'role' and a.role = t.scope_value)
             or (t.scope_kind = 'team' and a.team = t.scope_value)),
       levels as (
         select s.org_id, s.goal_id, s.target_no, s.month_end, s.person_id, sum(x.w * x.level::double precision) / sum(x.w) as level
           from in_scope s
           cross join lateral (
                select a.level, a.method_weight * power(0.5::double precision,
                         extract(epoch from (max(a.occurred_at) over () - a.occurred_at))::double precision / 86400.0 / {{half_life_days}}) as w
                  from analytics.skill_assessment a
                 where a.org_id = s.org_id and a.person_id = s.person_id and a.skill = s.skill and a.included and a.occurred_at <= s.month_end) x
          group by 1, 2, 3, 4, 5)
  select s.org_id, s.goal_id, s.target_no, (s.month_end at time zone 'UTC')::date as month, s.headcount,
         count(*)::int as in_scope,
         (count(*) filter (where round((s.target_level::double precision - l.level)::numeric, {{compare_decimals}}) <= 0))::int as supply
    from in_scope s
    left join levels l on l.org_id = s.org_id and l.goal_id = s.goal_id and l.target_no = s.target_no and l.month_end = s.month_end and l.person_id = s.person_id
   group by s.org_id, s.goal_id, s.target_no, s.month_end, s.headcount;
comment on view analytics.goal_supply_monthly is 'For each target of each goal in force (latest revision, not retired): at the end of each of the last 24 months (the current month: up to now), people employed and in scope then (in_scope) and those at or above the target level then (supply; rule weighted-recency v1, compared at 9 decimals). gap = max(0, headcount - supply). Employment is the person''s latest hire (a rehired person counts from the rehire).';
comment on column analytics.goal_supply_monthly.org_id is 'Organisation (tenant) id.';
comment on column analytics.goal_supply_monthly.goal_id is 'Goal (joins analytics.strategic_goal).';
comment on column analytics.goal_supply_monthly.target_no is 'Target (joins analytics.strategic_target on the revision in force and target_no).';
comment on column analytics.goal_supply_monthly.month is 'Last day of the month.';
comment on column analytics.goal_supply_monthly.headcount is 'People the target asks for.';
comment on column analytics.goal_supply_monthly.in_scope is 'People employed and in the target''s scope at the end of the month.';
comment on column analytics.goal_supply_monthly.supply is 'Of those, people whose level on the skill then was at or above the target level.';

-- Which learning works, per completion (docs/methods.md §4b; window 180 days; as of now): for each completion and
-- each skill its course trains (the catalogue's skills, else the completion's own list), the learner's level change
-- over the window against the mean change of colleagues in the same role at the completion date who were employed
-- throughout, had a level on the skill at the start and completed no course on it in the window. Levels are rule
-- weighted-recency v1 at the two dates; the weights are written relative to the completion date, which cancels in
-- the weighted mean, so one pass over the assessments gives both levels. GET /api/analytics/effectiveness
-- (windowDays=180) averages effect_points per person and then per group; excluded rows say why, as its counts do.
create or replace view analytics.completion_effect with (security_invoker = on) as
  with trained as (
         select c.org_id, c.event_id, c.person_id, c.course_id, coalesce(c.program_id, k.program_id) as program_id,
                coalesce(k.modality, 'unknown') as modality, c.hours::double precision as hours, c.completed_at,
                c.completed_at + interval '4320 hours' as window_end, s.skill
           from analytics.course_completion c
           left join analytics.course k on k.org_id = c.org_id and k.course_id = c.course_id
           join lateral (select ks.skill from analytics.course_skill ks
                          where k.course_id is not null and ks.org_id = c.org_id and ks.course_id = c.course_id
                         union all
                         select cs.skill from analytics.course_completion_skill cs
                          where k.course_id is null and cs.org_id = c.org_id and cs.event_id = c.event_id) s on true
          where c.completed_at <= now()),
       stints as (
         select a.org_id, a.person_id, a.role, a.valid_from,
                lead(a.valid_from) over (partition by a.org_id, a.person_id order by a.valid_from, a.sequence) as valid_to
           from analytics.person_assignment a),
       judged as (
         select t.*, sk.category, (sk.scale_max - sk.scale_min)::double precision as scale_range, r.role,
                case when t.window_end > now() then 'window not over by asOf'
                     when p.person_id is null or p.hired_at > t.completed_at or p.left_at <= t.window_end then 'left before the window ended'
                     when sk.skill is null or sk.scale_max <= sk.scale_min then 'skill not defined' end as reason
           from trained t
           left join analytics.skill sk on sk.org_id = t.org_id and sk.skill = t.skill
           left join analytics.person p on p.org_id = t.org_id and p.person_id = t.person_id
           left join stints r on r.org_id = t.org_id and r.person_id = t.person_id
                             and r.valid_from <= t.completed_at and (r.valid_to is null or r.valid_to > t.completed_at)),
       measured as (
         select j.org_id, j.event_id, j.skill, j.person_id, true as is_learner from judged j where j.reason is null
         union all
         select j.org_id, j.event_id, j.skill, o.person_id, false
           from judged j
           join stints s on s.org_id = j.org_id and s.role = j.role and s.person_id <> j.person_id
                        and s.valid_from <= j.completed_at and (s.valid_to is null or s.valid_to > j.completed_at)
           join analytics.person o on o.org_id = s.org_id and o.person_id = s.person_id
                                  and o.hired_at <= j.completed_at and (o.left_at is null or o.left_at > j.window_end)
          where j.reason is null
            and not exists (
                select 1 from analytics.course_completion oc
                  left join analytics.course ok on ok.org_id = oc.org_id and ok.course_id = oc.course_id
                 where oc.org_id = o.org_id and oc.person_id = o.person_id
                   and oc.completed_at >= j.completed_at and oc.completed_at <= j.window_end
                   and (exists (select 1 from analytics.course_skill x where ok.course_id is not null and x.org_id = oc.org_id
                                   and x.course_id = oc.course_id and x.skill = j.skill)
                        or exists (select 1 from analytics.course_completion_skill x where ok.course_id is null and x.org_id = oc.org_id
                                   and x.event_id = oc.event_id and x.skill = j.skill)))),
       levels as (
         select m.org_id, m.event_id, m.skill, m.person_id, m.is_learner,
                sum(w.w * a.level::double precision) filter (where a.occurred_at <= j.completed_at)
                  / sum(w.w) filter (where a.occurred_at <= j.completed_at) as level_start,
                sum(w.w * a.level::double precision) / sum(w.w) as level_end
           from measured m
           join judged j on j.org_id = m.org_id and j.event_id = m.event_id and j.skill = m.skill
           join analytics.skill_assessment a on a.org_id = m.org_id and a.person_id = m.person_id and a.skill = m.skill
                                            and a.included and a.occurred_at <= j.window_end
           cross join lateral (select a.method_weight * power(2::double precision,
                  extract(epoch from (a.occurred_at - j.completed_at))::double precision / 86400.0 / {{half_life_days}}) as w) w
          group by m.org_id, m.event_id, m.skill, m.person_id, m.is_learner),
       compared as (
         select org_id, event_id, skill,
                min(level_start) filter (where is_learner) as level_start,
                min(level_end) filter (where is_learner) as level_end,
                (count(*) filter (where not is_learner and level_start is not null))::int as comparison_people,
                avg(level_end - level_start) filter (where not is_learner) as comparison_mean_change
           from levels group by org_id, event_id, skill)
  select j.org_id, j.event_id, j.person_id, j.course_id, j.program_id, j.modality, j.skill, j.category, j.hours, j.completed_at,
         180 as window_days, j.window_end, j.role, c.level_start, c.level_end, c.level_end - c.level_start as level_change,
         c.comparison_people, c.comparison_mean_change,
         case when j.reason is null and c.level_start is not null and c.comparison_people > 0
              then (c.level_end - c.level_start - c.comparison_mean_change) / j.scale_range * 100 end as effect_points,
         coalesce(j.reason, case when c.level_start is null then 'no level at completion'
                                 when coalesce(c.comparison_people, 0) = 0 then 'no comparison colleagues' end) as excluded_reason
    from judged j
    left join compared c on c.org_id = j.org_id and c.event_id = j.event_id and c.skill = j.skill;
comment on view analytics.completion_effect is 'Per completion and trained skill: the learner''s level change over 180 days against the mean change of comparable colleagues in the same role (docs/methods.md §4b). Computed when read (as of now); GET /api/analytics/effectiveness groups it with people as the unit.';
comment on column analytics.completion_effect.org_id is 'Organisation (tenant) id.';
comment on column analytics.completion_effect.event_id is 'eventId of the course_completed event (joins analytics.course_completion).';
comment on column analytics.completion_effect.person_id is 'Learner.';
comment on column analytics.completion_effect.course_id is 'Course.';
comment on column analytics.completion_effect.program_id is 'Programme of the completion, else of the course in the catalogue.';
comment on column analytics.completion_effect.modality is 'Format from the course catalogue (analytics.course), unknown for a course not in it.';
comment on column analytics.completion_effect.skill is 'A skill the course trains: the catalogue''s skills, else the completion''s own list.';
comment on column analytics.completion_effect.category is 'Category of the skill (analytics.skill.category).';
comment on column analytics.completion_effect.hours is 'Learning hours of the completion.';
comment on column analytics.completion_effect.completed_at is 'When the course was completed: the window''s start.';
comment on column analytics.completion_effect.window_days is 'Length of the window in days (180, the API''s default windowDays).';
comment on column analytics.completion_effect.window_end is 'completed_at + 180 days (of 24 hours).';
comment on column analytics.completion_effect.role is 'The learner''s role at completed_at (analytics.person_assignment).';
comment on column analytics.completion_effect.level_start is 'Learner''s level on the skill at completed_at (rule weighted-recency v1); null if never assessed by then.';
comment on column analytics.completion_effect.level_end is 'Learner''s level on the skill at window_end.';
comment on column analytics.completion_effect.level_change is 'level_end - level_start, in levels of the skill''s scale.';
comment on column analytics.completion_effect.comparison_people is 'Colleagues in the same role at completed_at, employed throughout, with a level at the start and no course on the skill in the window.';
comment on column analytics.completion_effect.comparison_mean_change is 'Mean level change of those colleagues over the same window.';
comment on column analytics.completion_effect.effect_points is '(level_change - comparison_mean_change) / (scale_max - scale_min) × 100: percentage points of the skill''s scale; null when excluded.';
comment on column analytics.completion_effect.excluded_reason is 'Why the row has no effect (window not over by asOf, left before the window ended, skill not defined, no level at completion, no comparison colleagues); null when it has one.';

-- Row-level security: BI roles see only the rows their policies allow (one organisation, or all for an
-- unrestricted role); see `skillsledger db create-bi-role`. The projection writes as the tables' owner, which
-- RLS does not restrict. The view runs with the caller's rights (security_invoker), so it cannot bypass RLS.
do $$
declare t text;
begin
  for t in select tablename from pg_tables where schemaname = 'analytics'
  loop
    execute format('alter table analytics.%I enable row level security', t);
  end loop;
end $$;

-- Role fit of every person to every role profile now (issue 16): a view over person_skill_level, role_requirement and
-- skill rather than a table kept per event (docs/bi-schema.md "person_role_fit" says why), so it is always what
-- GET /api/people/{personId}/fit gives without asOf, and a rebuild of the tables it reads rebuilds it exactly.
create or replace view analytics.person_role_fit with (security_invoker = on) as
  with terms as (
    select p.org_id, p.person_id, r.role, r.event_id, p.role is not distinct from r.role as in_role, p.left_at is null as employed,
           least(greatest((r.target_level::double precision - s.scale_min::double precision) / (s.scale_max::double precision - s.scale_min::double precision), 0), 1) as required,
           coalesce(least(greatest((l.level - s.scale_min::double precision) / (s.scale_max::double precision - s.scale_min::double precision), 0), 1), 0) as level,
           l.level is not null and round((r.target_level::double precision - l.level)::numeric, {{compare_decimals}}) <= 0 as reached
      from analytics.person p
      join analytics.role_requirement r on r.org_id = p.org_id
      join analytics.skill s on s.org_id = r.org_id and s.skill = r.skill
      left join analytics.person_skill_level l on l.org_id = p.org_id and l.person_id = p.person_id and l.skill = r.skill
             and l.rule_name = 'weighted-recency' and l.rule_version = 1)
  select org_id, person_id, role, bool_and(in_role) as in_role, bool_and(employed) as employed,
         sum(least(level, required)) / nullif(sum(required), 0) as fit,
         sum(least(level, required)) as met, sum(required) as required,
         count(*)::int as required_skills, (count(*) filter (where reached))::int as skills_reached, min(event_id) as profile_event_id
    from terms
   group by org_id, person_id, role;
comment on view analytics.person_role_fit is 'Fit of every person to every role profile, now (as GET /api/people/{personId}/fit): fit = sum(min(level, required)) / sum(required) over the role''s required skills, levels (weighted-recency v1) and requirements rescaled to 0-1 of each skill''s scale; never assessed counts 0. One row per (org_id, person_id, role).';
comment on column analytics.person_role_fit.org_id is 'Organisation (tenant) id.';
comment on column analytics.person_role_fit.person_id is 'Person (joins analytics.person).';
comment on column analytics.person_role_fit.role is 'Role with a profile (joins analytics.role_requirement).';
comment on column analytics.person_role_fit.in_role is 'True when this is the person''s current role.';
comment on column analytics.person_role_fit.employed is 'True while the person has not left.';
comment on column analytics.person_role_fit.fit is 'met / required, 0-1; null when every requirement sits at the bottom of its scale.';
comment on column analytics.person_role_fit.met is 'sum(min(level, required)) in 0-1 units of each scale.';
comment on column analytics.person_role_fit.required is 'sum(required) in 0-1 units of each scale.';
comment on column analytics.person_role_fit.required_skills is 'Skills the profile requires.';
comment on column analytics.person_role_fit.skills_reached is 'Of those, skills where level >= required (compared at 9 decimals).';
comment on column analytics.person_role_fit.profile_event_id is 'eventId of the role_profile_defined in force.';
