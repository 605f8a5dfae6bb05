using SkillsLedger.Domain.SkillLevels;

namespace SkillsLedger.Projections.Analytics;

/// <summary>
/// Rule weighted-recency v1 at any instant, in SQL over analytics.skill_assessment: the same recency weight and
/// ordered sums as the stored levels (<see cref="AnalyticsSql.InsertLevels"/>), restricted to the assessments that
/// had occurred by then and are still counted (a retraction counts once the ledger knows it, as the rule says). For
/// t = now it gives analytics.person_skill_level. Readiness and strategic coverage read levels "as of" through it.
/// </summary>
public static class LevelsAt
{
    /// <summary>
    /// A subquery with columns (person_id, skill, level): every person-skill of organisation <paramref name="org"/>
    /// with an assessment that occurred at or before <paramref name="at"/> (both SQL expressions, e.g. "$1", "$2");
    /// <paramref name="person"/>, when given, restricts it to one person (an SQL expression too, e.g. from a lateral join).
    /// </summary>
    /// <param name="knownAt">Record time (an SQL expression), or null for everything recorded: then only assessments the
    /// ledger had recorded by then count, and a retraction only once it had been recorded.</param>
    public static string Sql(string org, string at, string? person = null, string? knownAt = null) => $"""
        (select person_id, skill, sum(w * level::double precision order by sequence) / sum(w order by sequence) as level
           from (select a.org_id, a.person_id, a.skill, a.level, a.sequence, {AnalyticsSql.RecencyWeight} as w
                   from analytics.skill_assessment a
                  where a.org_id = {org} and {Included("a", knownAt)} and a.occurred_at <= {at}{(person is null ? "" : $" and a.person_id = {person}")}) x
          group by person_id, skill)
        """;

    /// <summary>SQL boolean: assessment <paramref name="a"/> counts at record time <paramref name="knownAt"/> (null: now).</summary>
    public static string Included(string a, string? knownAt) => knownAt is null
        ? $"{a}.included"
        : $"{a}.recorded_at <= {knownAt} and ({a}.included or not {RecordedBy(a + ".org_id", a + ".retracted_by_event_id", knownAt)})";

    /// <summary>
    /// SQL boolean: the event <paramref name="eventId"/> of organisation <paramref name="org"/> had been recorded by
    /// <paramref name="knownAt"/> (its mt_events timestamp, found through ledger_event_ids); true when knownAt is null.
    /// For tables that carry no recorded_at of their own (assignments, completions, retirements).
    /// </summary>
    public static string RecordedBy(string org, string eventId, string? knownAt) => knownAt is null ? "true" : $"""
        exists (select 1 from {EventStore.MartenTables.Schema}.ledger_event_ids i join {EventStore.MartenTables.Events} e on e.seq_id = i.seq
                 where i.tenant_id = {org} and i.event_id = {eventId} and e.timestamp <= {knownAt})
        """;

    /// <summary>
    /// A subquery with columns (person_id, department, role, team): everyone employed at <paramref name="at"/> (hired by
    /// then, not yet left) with the assignment in force then (analytics.person_assignment).
    /// </summary>
    /// <param name="knownAt">Record time (SQL expression) or null: hires and moves count once recorded; departures as known now.</param>
    public static string Workforce(string org, string at, string? knownAt = null) => $"""
        (select p.person_id, a.department, a.role, a.team
           from analytics.person p
           join lateral (select x.department, x.role, x.team from analytics.person_assignment x
                          where x.org_id = p.org_id and x.person_id = p.person_id and x.valid_from <= {at} and {RecordedBy("x.org_id", "x.event_id", knownAt)}
                          order by x.valid_from desc, x.sequence desc limit 1) a on true
          where p.org_id = {org} and p.hired_at <= {at} and (p.left_at is null or p.left_at > {at}))
        """;

    /// <summary>
    /// SQL boolean: <paramref name="level"/> (double, may be null) reaches <paramref name="target"/> (numeric), compared
    /// at 9 decimals as every gap is (docs/derivation.md "Precision"); never assessed does not reach. The SQL rendering of
    /// <see cref="LevelPrecision.Reaches"/>.
    /// </summary>
    public static string Reaches(string level, string target) =>
        $"({level} is not null and round(({target}::double precision - {level})::numeric, {CompareDecimals}) <= 0)";

    /// <summary>The decimals levels are compared at, from their one definition (also substituted for {{compare_decimals}} in analytics-schema.sql).</summary>
    internal static readonly string CompareDecimals = LevelPrecision.CompareDecimals.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
