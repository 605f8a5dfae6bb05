using Npgsql;
using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;
using SkillsLedger.Privacy;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Generations;

/// <summary>
/// Each person's generation cohort, read from their latest stated year of birth (person_hired, person_profile_updated)
/// and decrypted with their key at query time. The year is personal data: it is never written to a read model or BI
/// table, so erasing a person (destroying their key) turns their cohort into "unknown" everywhere at once.
/// </summary>
public static class GenerationQuery
{
    /// <summary>personId → generation for everyone who stated a year of birth (others are "unknown" by absence).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> LoadAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(OrganisationLogReads.BirthYears, conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) latest[r.GetString(0)] = r.GetString(1); // later statements replace earlier ones
        }
        var keys = await PersonKeys.LoadAsync(conn, org, latest.Keys, ct);
        var generations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (person, stored) in latest)
        {
            var year = PersonalDataCipher.Reveal(stored, org, person, keys.GetValueOrDefault(person));
            generations[person] = Generation.Of(int.TryParse(year, out var y) ? y : null);
        }
        return generations;
    }

    /// <summary>The people with their generation filled in.</summary>
    public static async Task<IReadOnlyList<EmployeeHistory>> WithGenerationsAsync(LedgerDatabase db, string org, IReadOnlyList<EmployeeHistory> people,
        CancellationToken ct)
    {
        var generations = await LoadAsync(db, org, ct);
        return people.Select(p => p with { Generation = generations.GetValueOrDefault(p.PersonId) ?? Generation.Unknown }).ToList();
    }
}
