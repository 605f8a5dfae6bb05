using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// One person's stream as the level routes read it (<c>SkillLevels.PersonEvidenceQuery</c>, one batch of the three
/// statements: $1 organisation, $2 the person's stream key). Raw SQL rather than Marten's <c>FetchStreamAsync</c> for
/// speed: FetchStream deserialises every event of the person (hires, courses, ratings…) on each request; these pick out
/// only the assessments and retractions, and only the fields the rule needs, from the (tenant_id, stream_id, version)
/// index, and stay prepared on each connection of the read pool. The benchmarked person-level read
/// (docs/performance.md); a test checks they give what FetchStream gives.
/// </summary>
public static class PersonStreamReads
{
    private static readonly string Assessed = EventTypes.NameOf(typeof(SkillAssessed));
    private static readonly string Retracted = EventTypes.NameOf(typeof(AssessmentRetracted));

    /// <summary>Whether the person's stream exists (and is not archived).</summary>
    public static readonly string StreamExists =
        $"select exists(select 1 from {MartenTables.Streams} where tenant_id = $1 and id = $2 and is_archived is not true)";

    /// <summary>
    /// The person's assessments and retractions, in no particular order: seq_id, timestamp, user_name, whether an assessment (else a retraction), eventId, source,
    /// occurredAt, skill, method, level, retractsEventId, reason, sourceStatementId, and for an assessment its skill's
    /// scaleMin and scaleMax (from Marten's document table for SkillDefinition, keyed by tenant_id and id; null when the
    /// skill is no longer defined): every level goes out with its scale. Taking the scales here, beside each assessment,
    /// reads the person's events once; a separate statement read them a second time to find their skills (+0.06 ms of
    /// PostgreSQL per read, docs/performance.md). No `order by`: the join on the definitions is a hash join, which
    /// loses the index's stream order, and PostgreSQL's sort of the rows cost more than the reader's sort by seq_id
    /// (EXPLAIN ANALYZE, 116 rows: 0.14–0.17 ms without, 0.19–0.24 ms with; docs/performance.md).
    /// </summary>
    public static readonly string Evidence =
        $"""
         select e.seq_id, e.timestamp, e.user_name, e.type = '{Assessed}', e.data->>'eventId', e.data->>'source', e.data->>'occurredAt',
                e.data->>'skill', e.data->>'method', (e.data->>'level')::numeric, e.data->>'retractsEventId', e.data->>'reason',
                e.data->>'sourceStatementId', (s.data->>'scaleMin')::numeric, (s.data->>'scaleMax')::numeric
         from {MartenTables.Events} e
         left join {MartenTables.SkillDefinitions} s
                on e.type = '{Assessed}' and s.tenant_id = $1 and s.id = '{StreamKeys.Skill("")}' || (e.data->>'skill')
         where e.tenant_id = $1 and e.stream_id = $2 and e.type in ('{Assessed}', '{Retracted}')
           and e.is_archived is not true
         """;

    /// <summary>
    /// The scale (skill, scaleMin, scaleMax) of the skill stream $2, when a route asks for one skill: whether it is
    /// defined, and its scale when the person has no assessment on it.
    /// </summary>
    public static readonly string ScaleOfSkill =
        $"select data->>'skill', (data->>'scaleMin')::numeric, (data->>'scaleMax')::numeric from {MartenTables.SkillDefinitions} where tenant_id = $1 and id = $2";
}
