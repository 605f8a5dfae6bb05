using SkillsLedger.Domain.Events;

namespace SkillsLedger.Projections.EventStore;

/// <summary>
/// Reads across one organisation's whole log ($1 is always the organisation), for figures the analytics tables cannot
/// give because they hold only current state (strategy's asOf/knownAt questions) or must never hold the data
/// (a year of birth is personal: decrypted at query time only). Raw SQL rather than Marten's <c>QueryAllRawEvents</c>:
/// they filter on fields inside the events' data (a skill, a year of birth), read only those fields where that is all
/// the caller needs, and over the largest type (skill_assessed) that filter is what keeps them from reading every row.
/// </summary>
public static class OrganisationLogReads
{
    /// <summary>
    /// Events of the types in $2 (text[]) in log order: seq_id, timestamp, stream_id, type, data as text; skill_assessed
    /// only for the skills in $3 (text[]; null: all skills). Strategy's bitemporal load (<c>Strategy.StrategyLedger</c>).
    /// </summary>
    public static readonly string EventsOfTypes =
        $"""
         select seq_id, timestamp, stream_id, type, data::text from {MartenTables.Events}
          where tenant_id = $1 and is_archived is not true and type = any($2)
            and (type <> '{EventTypes.NameOf<SkillAssessed>()}' or $3::text[] is null or data->>'skill' = any($3))
          order by seq_id
         """;

    /// <summary>When the ledger recorded the organisation's first event (null when it has none).</summary>
    public static readonly string FirstRecordedAt = $"select min(timestamp) from {MartenTables.Events} where tenant_id = $1";

    /// <summary>Every skill the organisation's strategic goals have ever named as a target, in order.</summary>
    public static readonly string GoalSkills =
        $"""
         select distinct t->>'skill' from {MartenTables.Events}, jsonb_array_elements(data->'targets') t
          where tenant_id = $1 and type = '{EventTypes.NameOf<StrategicGoalSet>()}' and is_archived is not true order by 1
         """;

    /// <summary>Each stated year of birth (personId, birthYear: encrypted when personal data is), in log order, so a later statement replaces an earlier one.</summary>
    public static readonly string BirthYears =
        $"""
         select data->>'personId', data->>'birthYear'
           from {MartenTables.Events}
          where tenant_id = $1 and type in ('{EventTypes.NameOf(typeof(PersonHired))}', '{EventTypes.NameOf(typeof(PersonProfileUpdated))}')
            and data->>'birthYear' is not null and is_archived is not true
          order by seq_id
         """;

    /// <summary>
    /// Whether the organisation has an event after sequence $2 up to $3 of a type not in $4 (text[]): the ROI data
    /// cache's test that its data is still exact (<c>Roi.RoiDataCache</c>). From the sequence's index, no event data read.
    /// </summary>
    public static readonly string AnyEventBetween =
        $"select exists(select 1 from {MartenTables.Events} where seq_id > $2 and seq_id <= $3 and tenant_id = $1 and type <> all($4))";

    /// <summary>
    /// The organisation's newest sequence number (0 when it has none): what a write that stored nothing new answers.
    /// Marten offers only the store-wide newest (<c>FetchMaxEventSequenceAsync</c>), and not in the write's transaction.
    /// </summary>
    public static readonly string NewestSequence = $"select coalesce(max(seq_id), 0) from {MartenTables.Events} where tenant_id = $1";
}
