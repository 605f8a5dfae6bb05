using System.Collections.Concurrent;
using System.Collections.Frozen;
using Npgsql;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.SkillLevels;

/// <summary>
/// Each organisation's skill scales, kept in memory while its catalogue is unchanged. Every level the API returns
/// carries its skill's scale; reading the scales with each person's evidence (a join on the definitions) was the
/// person read's one extra cost in PostgreSQL (docs/performance.md). The catalogue changes rarely, so a read checks a
/// small stamp of it instead (<see cref="PersonStreamReads.CatalogueStamp"/>, in the same round trip as the evidence)
/// and reloads the scales only when the stamp moved. Another node's writes move the stamp too: nothing here relies on
/// this process having made the change. One singleton per service.
/// </summary>
public sealed class SkillScaleCatalogue
{
    /// <summary>The catalogue's state as <see cref="PersonStreamReads.CatalogueStamp"/> reads it.</summary>
    public readonly record struct Stamp(long Definitions, long VersionSum, DateTime? LastWrite)
    {
        public static Stamp Read(NpgsqlDataReader r, int first) =>
            new(r.GetInt64(first), r.GetInt64(first + 1), r.IsDBNull(first + 2) ? null : r.GetDateTime(first + 2));
    }

    private sealed record Snapshot(Stamp Stamp, FrozenDictionary<string, SkillScale> Scales);

    private readonly ConcurrentDictionary<string, Snapshot> byOrganisation = new(StringComparer.Ordinal);

    /// <summary>The organisation's scales when the ones in memory are of the catalogue in this state; else null.</summary>
    public IReadOnlyDictionary<string, SkillScale>? Cached(string organisation, Stamp stamp) =>
        byOrganisation.TryGetValue(organisation, out var held) && held.Stamp == stamp ? held.Scales : null;

    /// <summary>Reads the organisation's whole catalogue (with its stamp, from the same snapshot) and keeps it.</summary>
    public async Task<IReadOnlyDictionary<string, SkillScale>> LoadAsync(NpgsqlConnection conn, string organisation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(PersonStreamReads.Catalogue, conn) { Parameters = { new() { Value = organisation } } };
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var scales = new Dictionary<string, SkillScale>(StringComparer.Ordinal);
        var stamp = new Stamp(0, 0, null); // what CatalogueStamp reads for an empty catalogue
        while (await r.ReadAsync(ct))
        {
            stamp = Stamp.Read(r, 3);
            scales[r.GetString(0)] = new SkillScale(r.GetDecimal(1), r.GetDecimal(2));
        }
        var snapshot = new Snapshot(stamp, scales.ToFrozenDictionary(StringComparer.Ordinal));
        byOrganisation[organisation] = snapshot;
        return snapshot.Scales;
    }
}
