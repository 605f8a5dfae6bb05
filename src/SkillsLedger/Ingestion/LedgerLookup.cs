using Marten;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Domain.Validation;
using SkillsLedger.Infrastructure;
using SkillsLedger.Projections.Catalogue;

namespace SkillsLedger.Ingestion;

/// <summary>
/// The ledger state one batch needs, fetched with two queries inside the append transaction: the skills it
/// references and the event ids it names (its own ids, for duplicates, and the ids it retracts).
/// </summary>
internal sealed class LedgerLookup : ILedgerLookup
{
    private readonly Dictionary<string, SkillScale> _skills;
    private readonly Dictionary<string, KnownEvent> _events;
    private readonly Dictionary<string, long> _sequences;

    private LedgerLookup(Dictionary<string, SkillScale> skills, Dictionary<string, KnownEvent> events, Dictionary<string, long> sequences)
    {
        _sequences = sequences;
        _skills = skills;
        _events = events;
    }

    public SkillScale? FindSkill(string skill) => _skills.GetValueOrDefault(skill);
    public KnownEvent? FindEvent(string eventId) => _events.GetValueOrDefault(eventId);

    /// <summary>The highest global sequence among stored events with these ids (for an all-duplicate batch's reply).</summary>
    public long? MaxSequenceOf(IEnumerable<string> eventIds) =>
        eventIds.Select(id => _sequences.TryGetValue(id, out var s) ? s : (long?)null).Max();

    public static async Task<LedgerLookup> LoadAsync(IDocumentSession session, NpgsqlConnection conn, string organisation,
        IReadOnlyList<ILedgerEvent> batch, CancellationToken ct)
    {
        var skillKeys = batch.SelectMany(e => e.SkillsReferenced()).Distinct().Select(StreamKeys.Skill).ToArray();
        var skills = skillKeys.Length == 0
            ? new Dictionary<string, SkillScale>()
            : (await session.LoadManyAsync<SkillDefinition>(ct, skillKeys))
                .ToDictionary(s => s.Skill, s => new SkillScale(s.Skill, s.ScaleMin, s.ScaleMax));

        var ids = batch.Select(e => e.EventId!)
            .Concat(batch.OfType<AssessmentRetracted>().Select(r => r.RetractsEventId))
            .Distinct().ToArray();
        var events = new Dictionary<string, KnownEvent>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand(
            $"select event_id, type, stream_key, seq from {LedgerStoreConfiguration.Schema}.{LedgerTables.EventIds} where tenant_id = $1 and event_id = any($2)", conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(ids);
        var sequences = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                events[reader.GetString(0)] = new KnownEvent(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                sequences[reader.GetString(0)] = reader.GetInt64(3);
            }
        return new LedgerLookup(skills, events, sequences);
    }
}
