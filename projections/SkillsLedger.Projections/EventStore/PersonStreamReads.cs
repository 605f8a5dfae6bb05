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
    /// The person's assessments and retractions in stream order: seq_id, timestamp, user_name, type, eventId, source,
    /// occurredAt, skill, method, level, retractsEventId, reason, sourceStatementId.
    /// </summary>
    public static readonly string Evidence =
        $"""
         select seq_id, timestamp, user_name, type, data->>'eventId', data->>'source', data->>'occurredAt',
                data->>'skill', data->>'method', (data->>'level')::numeric, data->>'retractsEventId', data->>'reason',
                data->>'sourceStatementId'
         from {MartenTables.Events}
         where tenant_id = $1 and stream_id = $2 and type in ('{Assessed}', '{Retracted}')
           and is_archived is not true
         order by version
         """;

    /// <summary>
    /// The scales (skill, scaleMin, scaleMax) of the skills the person was assessed on, and of the skill stream $3
    /// (may be null), from Marten's document table for SkillDefinition (conjoined tenancy: keyed by tenant_id, id):
    /// every level goes out with its scale.
    /// </summary>
    public static readonly string Scales =
        $"""
         select data->>'skill', (data->>'scaleMin')::numeric, (data->>'scaleMax')::numeric
         from {MartenTables.SkillDefinitions}
         where tenant_id = $1
           and (id = $3 or id in (select '{StreamKeys.Skill("")}' || (data->>'skill') from {MartenTables.Events}
                                   where tenant_id = $1 and stream_id = $2 and type = '{Assessed}'
                                     and is_archived is not true))
         """;
}
