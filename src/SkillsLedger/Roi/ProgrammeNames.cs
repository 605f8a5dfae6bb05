using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Roi;

/// <summary>
/// Programme display names (the latest program_defined of each programme, from analytics.program): people recognise
/// "Leadership essentials", not "PRG-LEAD". Figures stay keyed by the programme id; pages show the name next to it.
/// A programme that was never defined (costs or completions naming an id only) has no name.
/// </summary>
public static class ProgrammeNames
{
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select program_id, name from analytics.program where org_id = $1", conn);
        cmd.Parameters.AddWithValue(org);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) names[r.GetString(0)] = r.GetString(1);
        return names;
    }
}
