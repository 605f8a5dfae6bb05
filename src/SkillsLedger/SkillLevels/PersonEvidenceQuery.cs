using System.Globalization;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.SkillLevels;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.SkillLevels;

/// <summary>
/// Reads one person's evidence for the level routes in a single round trip: whether the person (and the skill) exist,
/// and only the assessment and retraction events of their stream, with PostgreSQL picking out the few fields the rule
/// needs. Loading the whole stream through Marten deserialised every event of the person (hires, courses, ratings…)
/// on each request; this is the cost that stays flat as the log grows, since every row comes from the
/// (tenant_id, stream_id, version) index. Same result as <see cref="PersonEvidence.LoadAsync"/> (tested). Runs on the
/// read pool (<see cref="LedgerDatabase.Reads"/>), where these statements stay prepared on each connection.
/// </summary>
public static class PersonEvidenceQuery
{
    private const string Schema = LedgerStoreConfiguration.Schema;

    private static readonly string StreamExists =
        $"select exists(select 1 from {MartenTables.Streams} where tenant_id = $1 and id = $2 and is_archived is not true)";

    // Marten's document table for SkillDefinition (conjoined tenancy: keyed by tenant_id, id).
    private static readonly string SkillDefined =
        $"select exists(select 1 from {MartenTables.SkillDefinitions} where tenant_id = $1 and id = $2)";

    private static readonly string Evidence =
        $"""
         select seq_id, timestamp, user_name, type, data->>'eventId', data->>'source', data->>'occurredAt',
                data->>'skill', data->>'method', (data->>'level')::numeric, data->>'retractsEventId', data->>'reason'
         from {MartenTables.Events}
         where tenant_id = $1 and stream_id = $2 and type in ('{EventTypes.NameOf(typeof(SkillAssessed))}', '{EventTypes.NameOf(typeof(AssessmentRetracted))}')
           and is_archived is not true
         order by version
         """;

    /// <param name="skill">When given, also whether this skill is defined (false otherwise).</param>
    /// <returns>The evidence, or null when the person has no events at all.</returns>
    public static async Task<(PersonEvidence? Evidence, bool SkillDefined)> LoadAsync(LedgerDatabase db, string organisation, string personId,
        string? skill, CancellationToken ct)
    {
        await using var conn = await db.Reads.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        var stream = StreamKeys.Person(personId);
        batch.BatchCommands.Add(Command(StreamExists, organisation, stream));
        batch.BatchCommands.Add(Command(Evidence, organisation, stream));
        if (skill is not null) batch.BatchCommands.Add(Command(SkillDefined, organisation, StreamKeys.Skill(skill)));
        await using var r = await batch.ExecuteReaderAsync(ct);

        await r.ReadAsync(ct);
        var personExists = r.GetBoolean(0);
        await r.NextResultAsync(ct);
        var assessments = new List<AssessmentEvidence>();
        var retractions = new List<RetractionEvidence>();
        while (await r.ReadAsync(ct))
        {
            var stored = new Provenance(r.GetInt64(0), r.GetString(4), r.GetFieldValue<DateTimeOffset>(1),
                r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(5) ? null : r.GetString(5));
            var occurredAt = DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            if (r.GetString(3) == EventTypes.NameOf(typeof(SkillAssessed)))
                assessments.Add(new AssessmentEvidence(stored, r.GetString(7), occurredAt,
                    Enum.Parse<AssessmentMethod>(r.GetString(8), ignoreCase: true), r.GetDecimal(9)));
            else
                retractions.Add(new RetractionEvidence(stored, r.GetString(10), r.GetString(11), occurredAt));
        }
        var skillDefined = false;
        if (skill is not null && await r.NextResultAsync(ct) && await r.ReadAsync(ct)) skillDefined = r.GetBoolean(0);
        return (personExists ? new PersonEvidence(personId, assessments, retractions) : null, skillDefined);
    }

    private static NpgsqlBatchCommand Command(string sql, string organisation, string key) =>
        new(sql) { Parameters = { new() { Value = organisation }, new() { Value = key } } };
}
