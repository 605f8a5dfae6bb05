using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Domain.Events;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// The set-based full rebuild: one INSERT … SELECT per analytics table, straight from the event log's jsonb, over
/// every event up to a cut sequence (parameter $1). Each statement gives the same rows as replaying those events
/// one by one through <see cref="AnalyticsProjection"/>; the order-dependent rules are spelled out next to each
/// statement. Run inside one transaction into fresh, empty tables without indexes (see the host's AnalyticsFullRebuild,
/// which builds the indexes afterwards and swaps the tables in).
/// The fact tables use plain inserts: event ids are unique per organisation (ledger_event_ids), so the live
/// projection's `on conflict do nothing` never fires, and should a duplicate ever appear the primary key's build
/// fails and the rebuild stops with nothing written rather than guess.
/// </summary>
public static partial class AnalyticsRebuildSql
{
    /// <summary>One table's statement; <see cref="Table"/> names what it fills (progress shows its row count).</summary>
    public sealed record Step(string Table, string Sql);

    /// <summary>
    /// Stored occurredAt text → timestamptz exactly as the live projection writes it. Marten stores
    /// DateTimeOffset as "yyyy-MM-ddTHH:mm:ss[.fffffff]+hh:mm"; PostgreSQL rounds a 7th fractional digit while the
    /// projection truncates it (<see cref="LedgerTime.ToMicroseconds"/>), so the 7th digit is cut here first.
    /// </summary>
    private static string Time(string json) =>
        $"(case when length({json}) = 33 and substr({json}, 20, 1) = '.' then left({json}, 26) || right({json}, 6) else {json} end)::timestamptz";

    /// <summary>The two event types that make up most of the log; each is read straight from the event table once.</summary>
    /// <summary>An event type's contract name, from the registry (never a literal).</summary>
    private static string Name<TEvent>() where TEvent : ILedgerEvent => EventTypes.NameOf<TEvent>();

    private static readonly string[] Bulk = [Name<SkillAssessed>(), Name<PerformanceSignal>()];

    /// <summary>
    /// Events of one or more types up to the cut, as the daemon would load them (archived events skipped). The other
    /// types are a few percent of the log: one scan copies them into a temporary table (<see cref="MinorEvents"/>)
    /// so that the statements reading them do not each scan the whole log. Those statements run on one connection
    /// (the temporary table is that session's); the assessment steps (<see cref="IsAssessmentStep"/>) do not read it, so they can run on
    /// another connection at the same time.
    /// </summary>
    private static string Events(string schema, params string[] types) =>
        (types.All(Bulk.Contains) ? $"{schema}.{MartenTables.EventsTable} e where e.seq_id <= $1 and e.is_archived = false and " : $"{MinorEvents} e where ")
        + $"e.type {(types.Length == 1 ? $"= '{types[0]}'" : $"in ({string.Join(", ", types.Select(t => $"'{t}'"))})")}";

    private const string MinorEvents = "pg_temp.analytics_rebuild_events";

    /// <summary>
    /// Events in <see cref="MinorEvents"/> (tombstones are left out). With the rows of skill_assessment and
    /// performance_signal (one per event), the number of events the rebuild derived from, without another scan of the log.
    /// </summary>
    public const string MinorEventCount = $"select count(*) from {MinorEvents}";

    /// <param name="schema">The event store's schema.</param>
    /// <param name="target">The schema holding the empty tables to fill (same names and columns as `analytics`).</param>
    public static IReadOnlyList<Step> Steps(string schema, string target = AnalyticsSchema.Name)
    {
        var listed = Listed(schema, target);
        // An event type's table added later needs no line here: its declaration is its rebuild.
        return [.. listed, .. DeclaredTables.ByName.Keys.Except(listed.Select(s => s.Table)).Select(name => Declared(name, schema, target))];
    }

    private static IReadOnlyList<Step> Listed(string schema, string target) =>
    [
        new("(catalogue, person, retraction and course events)", $"""
            create temporary table analytics_rebuild_events on commit drop as
            select e.seq_id, e.tenant_id, e.type, e.data, e.timestamp from {schema}.{MartenTables.EventsTable} e
             where e.seq_id <= $1 and e.is_archived = false and e.type not in ({string.Join(", ", Bulk.Select(t => $"'{t}'"))}, 'tombstone')
            """),
        // A temporary table has no statistics until analysed; without them the person joins get poor plans.
        new("(statistics)", $"analyze {MinorEvents}"),

        // The catalogue tables its events declare (Events/…): the latest definition per key wins, as the live
        // projection upserts in log order (AnalyticsRebuildSql.Declared.cs).
        Declared("skill", schema, target),
        Declared("role_requirement", schema, target),

        // A person row exists from the first person_hired. The latest hire sets department, role, team, salary and
        // hire date and clears any departure; person_moved after it overwrites each field it names (fields left
        // out stay); the latest person_left after it sets the departure; person_erased counts once the row exists
        // (after the first hire) and a rehire does not clear it. Moves, departures and erasures before any hire
        // change nothing (the live statements update a row that is not there yet).
        new("person", $"""
            with p as materialized (
                   select e.tenant_id as org, e.data->>'personId' as person, e.seq_id as seq, e.type, e.data
                     from {Events(schema, Name<PersonHired>(), Name<PersonMoved>(), Name<PersonLeft>(), Name<PersonErased>())}),
                 hire as (
                   select distinct on (org, person) org, person, seq, data, min(seq) over (partition by org, person) as first_seq
                     from p where type = '{Name<PersonHired>()}'
                    order by org, person, seq desc),
                 moved as (
                   select m.org, m.person,
                          (array_agg(m.data->>'department' order by m.seq desc) filter (where m.data->>'department' is not null))[1] as department,
                          (array_agg(m.data->>'role' order by m.seq desc) filter (where m.data->>'role' is not null))[1] as role,
                          (array_agg(m.data->>'team' order by m.seq desc) filter (where m.data->>'team' is not null))[1] as team
                     from p m join hire h on h.org = m.org and h.person = m.person and m.seq > h.seq
                    where m.type = '{Name<PersonMoved>()}'
                    group by m.org, m.person),
                 departed as (
                   select distinct on (l.org, l.person) l.org, l.person, {Time("l.data->>'occurredAt'")} as left_at, l.data->>'reason' as reason
                     from p l join hire h on h.org = l.org and h.person = l.person and l.seq > h.seq
                    where l.type = '{Name<PersonLeft>()}'
                    order by l.org, l.person, l.seq desc),
                 erased as (
                   select distinct on (x.org, x.person) x.org, x.person, {Time("x.data->>'occurredAt'")} as erased_at
                     from p x join hire h on h.org = x.org and h.person = x.person and x.seq > h.first_seq
                    where x.type = '{Name<PersonErased>()}'
                    order by x.org, x.person, x.seq desc)
            insert into {target}.person (org_id, person_id, department, role, team, monthly_salary, hired_at, left_at, left_reason, erased_at)
            select h.org, h.person, coalesce(m.department, h.data->>'department'), coalesce(m.role, h.data->>'role'),
                   coalesce(m.team, h.data->>'team'), (h.data->>'monthlySalary')::numeric, {Time("h.data->>'occurredAt'")},
                   d.left_at, d.reason, x.erased_at
              from hire h
              left join moved m on m.org = h.org and m.person = h.person
              left join departed d on d.org = h.org and d.person = h.person
              left join erased x on x.org = h.org and x.person = h.person
            """),

        // Every assessment with its retraction, if any: the first retraction (by sequence) naming it that comes after
        // it in the log marks it excluded; later ones change nothing (the live update only touches rows still
        // included), and one logged before it does not count. Retractions are few: grouped per target, then looked
        // up by a hash join (the rebuild turns merge joins off: sorting every assessment to merge a few thousand
        // retractions was twice as slow), so the assessments are written once and never updated. The retractions
        // are read from the log itself, not from the minor events' temporary table, so that this statement and the
        // levels after it need nothing from the other connection. No `retractsEventId is not null` filter: the
        // planner tested it before the type, reading the jsonb of every event in the log; a null target's group
        // never joins anyway.
        new("skill_assessment", $"""
            with r as materialized (
                   select e.tenant_id as org, e.data->>'retractsEventId' as target, array_agg(e.seq_id order by e.seq_id) as seqs,
                          array_agg(e.data->>'eventId' order by e.seq_id) as ids, array_agg(e.data->>'reason' order by e.seq_id) as reasons
                     from {schema}.{MartenTables.EventsTable} e
                    where e.seq_id <= $1 and e.is_archived = false and e.type = '{Name<AssessmentRetracted>()}'
                    group by 1, 2)
            insert into {target}.skill_assessment (org_id, event_id, sequence, person_id, skill, level, method, method_weight,
              occurred_at, recorded_at, recorded_by, source, included, retracted_by_event_id, retraction_reason)
            select org_id, event_id, sequence, person_id, skill, level, method, method_weight, occurred_at, recorded_at, recorded_by, source,
                   first_retraction is null, ids[first_retraction], reasons[first_retraction]
              from (select e.tenant_id as org_id, e.data->>'eventId' as event_id, e.seq_id as sequence, e.data->>'personId' as person_id,
                           e.data->>'skill' as skill, (e.data->>'level')::numeric as level, e.data->>'method' as method,
                           {MethodWeight("e.data->>'method'")} as method_weight, {Time("e.data->>'occurredAt'")} as occurred_at,
                           e.timestamp as recorded_at, e.user_name as recorded_by, e.data->>'source' as source, r.ids, r.reasons,
                           -- seqs ascend: width_bucket counts the retractions at or before this assessment.
                           case when width_bucket(e.seq_id, r.seqs) < cardinality(r.seqs) then width_bucket(e.seq_id, r.seqs) + 1 end as first_retraction
                      from {schema}.{MartenTables.EventsTable} e
                      left join r on r.org = e.tenant_id and r.target = e.data->>'eventId'
                     where e.seq_id <= $1 and e.is_archived = false and e.type = '{Name<SkillAssessed>()}'
                    offset 0) a
            """),

        // Level and growth of every person-skill at once: the same formulas, windows (per person-skill) and
        // ordered aggregates as the live projection's per-person-skill recompute (AnalyticsSql), so every value
        // is bit for bit the same; one pass over the assessments fills both tables.
        new("person_skill_level, skill_growth", AnalyticsSql.InsertAllLevelsAndGrowths(target)),

        Declared("course_completion", schema, target),
        Declared("course_completion_skill", schema, target),
        Declared("performance_signal", schema, target),
        Declared("program_cost", schema, target),
        Declared("roi_assumption", schema, target),
        .. StrategySteps(schema, target),
    ];

    /// <summary>
    /// The steps that fill <see cref="AssessmentTables"/>: they read the log directly (not <see cref="MinorEvents"/>)
    /// and the levels read only the assessments, so these can run on one connection while every other step runs on
    /// another (see the host's AnalyticsFullRebuild).
    /// </summary>
    public static bool IsAssessmentStep(Step step) => step.Table.Split(", ").All(AssessmentTables.Contains);

    /// <summary>skill_assessment and the two tables derived from it alone.</summary>
    public static readonly string[] AssessmentTables = ["skill_assessment", "person_skill_level", "skill_growth"];

    /// <summary>
    /// <see cref="WeightedRecencyRule.MethodWeight"/> as SQL, generated from the rule itself so the weights live in one
    /// place; "R" formatting round-trips, so the float8 literals parse to the same doubles as the C# ones.
    /// </summary>
    private static string MethodWeight(string method) =>
        $"case {method} " + string.Concat(Enum.GetValues<AssessmentMethod>().Select(m =>
            $"when '{EventTypes.ToSnakeCase(m.ToString())}' then {WeightedRecencyRule.MethodWeight(m).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}::float8 ")) + "end";
}
