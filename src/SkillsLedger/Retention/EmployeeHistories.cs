using Npgsql;
using SkillsLedger.Analytics.People;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Retention;

/// <summary>Loads every person of an organisation with their course completions from the analytics read model.</summary>
public static class EmployeeHistories
{
    public static async Task<IReadOnlyList<EmployeeHistory>> LoadAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        return await LoadAsync(conn, org, ct);
    }

    /// <summary>On the caller's connection (and transaction, if one is open).</summary>
    public static async Task<IReadOnlyList<EmployeeHistory>> LoadAsync(NpgsqlConnection conn, string org, CancellationToken ct)
    {
        var learning = new Dictionary<string, List<LearningRecord>>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand(
            "select person_id, program_id, completed_at, hours::double precision from analytics.course_completion where org_id = $1 order by person_id, completed_at, event_id", conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetString(0);
                if (!learning.TryGetValue(id, out var list)) learning[id] = list = [];
                list.Add(new LearningRecord(r.IsDBNull(1) ? null : r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3)));
            }
        }
        var people = new List<EmployeeHistory>();
        await using (var cmd = new NpgsqlCommand(
            "select person_id, department, role, hired_at, left_at, monthly_salary::double precision from analytics.person where org_id = $1 order by person_id", conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetString(0);
                people.Add(new EmployeeHistory(id, r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                    r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(4) ? null : r.GetFieldValue<DateTimeOffset>(4),
                    r.IsDBNull(5) ? null : r.GetDouble(5), learning.GetValueOrDefault(id) ?? []));
            }
        }
        return people;
    }
}
