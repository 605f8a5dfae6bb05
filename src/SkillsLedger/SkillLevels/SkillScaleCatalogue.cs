using System.Collections.Concurrent;
using System.Collections.Frozen;
using Npgsql;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.SkillLevels;

/// <summary>
/// Each organisation's skill scales, kept in memory while its catalogue is unchanged. Every level the API returns
/// carries its skill's scale; reading the scales with each person's evidence (a join on the definitions) was the
/// person read's one extra cost in PostgreSQL (docs/performance.md). The catalogue changes rarely, so a read checks a
/// one-row stamp of it instead (<see cref="PersonStreamReads.CatalogueStamp"/>: the transaction that last wrote the
/// catalogue's state row, which every definition and the catalogue rebuild write; read in the same round trip as the
/// evidence) and reloads the scales only when the stamp moved. Another node's writes move the stamp too: nothing here
/// relies on this process having made the change. Two loads racing may keep the older snapshot; the next read then
/// sees a stamp that differs and loads again. One singleton per service.
/// </summary>
public sealed class SkillScaleCatalogue
{
    private sealed record Snapshot(long Stamp, FrozenDictionary<string, SkillScale> Scales);

    private readonly ConcurrentDictionary<string, Snapshot> byOrganisation = new(StringComparer.Ordinal);

    /// <summary>
    /// The organisation's scales when the ones in memory are of the catalogue in this state (the stamp that
    /// <see cref="PersonStreamReads.CatalogueStamp"/> reads); else null.
    /// </summary>
    public IReadOnlyDictionary<string, SkillScale>? Cached(string organisation, long stamp) =>
        byOrganisation.TryGetValue(organisation, out var held) && held.Stamp == stamp ? held.Scales : null;

    /// <summary>Reads the organisation's whole catalogue (with its stamp, from the same snapshot) and keeps it.</summary>
    public async Task<IReadOnlyDictionary<string, SkillScale>> LoadAsync(NpgsqlConnection conn, string organisation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(PersonStreamReads.Catalogue, conn) { Parameters = { new() { Value = organisation } } };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var scales = new Dictionary<string, SkillScale>(StringComparer.Ordinal);
        var stamp = 0L; // what CatalogueStamp reads before the first skill
        while (await r.ReadAsync(ct))
        {
            stamp = r.GetInt64(3);
            scales[r.GetString(0)] = new SkillScale(r.GetDecimal(1), r.GetDecimal(2));
        }
        var snapshot = new Snapshot(stamp, scales.ToFrozenDictionary(StringComparer.Ordinal));
        byOrganisation[organisation] = snapshot;
        return snapshot.Scales;
    }
}
