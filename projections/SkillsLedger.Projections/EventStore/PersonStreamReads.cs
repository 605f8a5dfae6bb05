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

    // Declared before the statements that use it (static fields are set in textual order).
    /// <summary>
    /// The state of the organisation's ($1) skill catalogue: the transaction that last wrote its
    /// <c>SkillCatalogueState</c> row (PostgreSQL's xmin; one row by primary key; 0 before the first skill). That row
    /// is written in the same transaction as every definition, by the inline projection and by the catalogue rebuild;
    /// any write is a new xmin, even one that leaves the count as it was. Compared for equality only. The other
    /// statements take it as a subquery.
    /// </summary>
    public static readonly string CatalogueStamp =
        $"select coalesce((select xmin::text::bigint from {MartenTables.SkillCatalogueState} where tenant_id = $1 and id = '{SkillsLedger.Projections.Catalogue.SkillCatalogueStateProjection.DocumentId}'), 0)";

    /// <summary>
    /// Whether the person's stream exists (and is not archived), then the state of the organisation's skill catalogue
    /// (column 1, <see cref="CatalogueStamp"/>), in one statement: each statement of the batch costs PostgreSQL about
    /// 0.01 ms of its own.
    /// </summary>
    public static readonly string StreamExists =
        $"select exists(select 1 from {MartenTables.Streams} where tenant_id = $1 and id = $2 and is_archived is not true), ({CatalogueStamp})";

    /// <summary>
    /// The person's assessments and retractions, in no particular order: seq_id, timestamp, user_name, whether an
    /// assessment (else a retraction), eventId, source, occurredAt, skill, method, level, retractsEventId, reason,
    /// sourceStatementId. The scales every level goes out with come from the organisation's skill catalogue, which the
    /// service keeps in memory while <see cref="CatalogueStamp"/> is unchanged: a join on the definitions here cost
    /// PostgreSQL about 0.05 ms per read (docs/performance.md). No `order by`: the reader sorts the few rows by seq_id.
    /// </summary>
    public static readonly string Evidence =
        $"""
         select e.seq_id, e.timestamp, e.user_name, e.type = '{Assessed}', e.data->>'eventId', e.data->>'source', e.data->>'occurredAt',
                e.data->>'skill', e.data->>'method', (e.data->>'level')::numeric, e.data->>'retractsEventId', e.data->>'reason',
                e.data->>'sourceStatementId'
         from {MartenTables.Events} e
         where e.tenant_id = $1 and e.stream_id = $2 and e.type in ('{Assessed}', '{Retracted}')
           and e.is_archived is not true
         """;

    /// <summary>
    /// Every skill of the organisation ($1) with its scale (skill, scaleMin, scaleMax), each row also carrying the
    /// catalogue's <see cref="CatalogueStamp"/> (column 3) from the same statement, so the same snapshot: the scales and
    /// their stamp cannot come from two states of the catalogue.
    /// </summary>
    public static readonly string Catalogue =
        $"""
         select substr(id, {StreamKeys.Skill("").Length + 1}), (data->>'scaleMin')::numeric, (data->>'scaleMax')::numeric, ({CatalogueStamp})
         from {MartenTables.SkillDefinitions} where tenant_id = $1
         """;
}
