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
/// read pool (<see cref="LedgerDatabase.Reads"/>), where these statements (<see cref="PersonStreamReads"/>) stay prepared
/// on each connection. The skills' scales come from <see cref="SkillScaleCatalogue"/>. One singleton per service.
/// </summary>
public sealed class PersonEvidenceQuery(LedgerDatabase db, SkillScaleCatalogue catalogue)
{
    /// <param name="skill">When given, also whether this skill is defined (false otherwise).</param>
    /// <returns>The evidence, or null when the person has no events at all; whether <paramref name="skill"/> is defined;
    /// the scales of the organisation's skills (<see cref="SkillScaleCatalogue"/>).</returns>
    public async Task<(PersonEvidence? Evidence, bool SkillDefined, IReadOnlyDictionary<string, SkillScale> Scales)> LoadAsync(
        string organisation, string personId, string? skill, CancellationToken ct)
    {
        await using var conn = await db.Reads.OpenConnectionAsync(ct);
        PersonEvidence? evidence;
        long stamp;
        await using (var batch = new NpgsqlBatch(conn))
        {
            var stream = StreamKeys.Person(personId);
            batch.BatchCommands.Add(Command(PersonStreamReads.StreamExists, organisation, stream));
            batch.BatchCommands.Add(Command(PersonStreamReads.Evidence, organisation, stream));
            await using var r = await batch.ExecuteReaderAsync(ct);

            await r.ReadAsync(ct);
            var personExists = r.GetBoolean(0);
            stamp = r.GetInt64(1);
            await r.NextResultAsync(ct);
            var assessments = new List<AssessmentEvidence>();
            var retractions = new List<RetractionEvidence>();
            while (await r.ReadAsync(ct))
            {
                var stored = new Provenance(r.GetInt64(0), r.GetString(4), r.GetFieldValue<DateTimeOffset>(1),
                    r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(12) ? null : r.GetString(12));
                var occurredAt = DateTimeOffset.Parse(r.GetString(6), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
                if (r.GetBoolean(3)) // an assessment, else a retraction
                    assessments.Add(new AssessmentEvidence(stored, r.GetString(7), occurredAt,
                        Enum.Parse<AssessmentMethod>(r.GetString(8), ignoreCase: true), r.GetDecimal(9)));
                else
                    retractions.Add(new RetractionEvidence(stored, r.GetString(10), r.GetString(11), occurredAt));
            }
            // Stream order (the statement leaves the order to the reader: PersonStreamReads.Evidence).
            assessments.Sort((a, b) => a.Stored.Sequence.CompareTo(b.Stored.Sequence));
            retractions.Sort((a, b) => a.Stored.Sequence.CompareTo(b.Stored.Sequence));
            evidence = personExists ? new PersonEvidence(personId, assessments, retractions) : null;
        }
        // A second round trip only when the catalogue changed since this service last read it.
        var scales = catalogue.Cached(organisation, stamp) ?? await catalogue.LoadAsync(conn, organisation, ct);
        return (evidence, skill is not null && scales.ContainsKey(skill), scales);
    }

    private static NpgsqlBatchCommand Command(string sql, string organisation, string key) =>
        new(sql) { Parameters = { new() { Value = organisation }, new() { Value = key } } };
}
