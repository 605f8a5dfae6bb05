using Npgsql;
using SkillsLedger.Analytics.People;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;

namespace SkillsLedger.Roi;

/// <summary>Everything ROI needs for one organisation, read from the analytics read model in one go.</summary>
public sealed record RoiData(IReadOnlyList<EmployeeHistory> People, IReadOnlyList<SignalRecord> Signals, IReadOnlyList<ProgramCostRecord> Costs,
    IReadOnlyDictionary<string, Assumption> Assumptions)
{
    public IReadOnlyList<string> Programmes => People.SelectMany(p => p.Learning).Select(l => l.ProgramId).OfType<string>()
        .Concat(Costs.Select(c => c.ProgramId)).Distinct().Order(StringComparer.Ordinal).ToList();

    public RoiInputs For(string programId, DateTimeOffset asOf, int minGroupSize = 5) =>
        new(programId, People, Signals, Costs.Where(c => c.ProgramId == programId).ToList(), Assumptions, asOf, MinGroupSize: minGroupSize);

    public static async Task<RoiData> LoadAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        var people = await EmployeeHistories.LoadAsync(db, org, ct);
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var signals = new List<SignalRecord>();
        await using (var cmd = new NpgsqlCommand("select person_id, metric, occurred_at, value::double precision from analytics.performance_signal where org_id = $1 order by person_id, occurred_at, event_id", conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) signals.Add(new SignalRecord(r.GetString(0), r.GetString(1), r.GetFieldValue<DateTimeOffset>(2), r.GetDouble(3)));
        }
        var costs = new List<ProgramCostRecord>();
        await using (var cmd = new NpgsqlCommand("select program_id, amount::double precision, currency, event_id from analytics.program_cost where org_id = $1 order by event_id", conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) costs.Add(new ProgramCostRecord(r.GetString(0), r.GetDouble(1), r.GetString(2), r.GetString(3)));
        }
        var assumptions = new Dictionary<string, Assumption>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("select name, value::double precision, unit, note, event_id from analytics.roi_assumption where org_id = $1", conn))
        {
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                assumptions[r.GetString(0)] = new Assumption(r.GetString(0), r.GetDouble(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetString(4));
        }
        return new RoiData(people, signals, costs, assumptions);
    }
}
