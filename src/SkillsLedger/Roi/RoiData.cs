using Npgsql;
using SkillsLedger.Analytics.People;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;

namespace SkillsLedger.Roi;

/// <summary>Everything ROI needs for one organisation, read from the analytics read model in one go.</summary>
public sealed record RoiData(IReadOnlyList<EmployeeHistory> People, PerformanceSignals Signals, IReadOnlyList<ProgramCostRecord> Costs,
    IReadOnlyDictionary<string, Assumption> Assumptions)
{
    private IReadOnlyList<string>? _programmes;

    public IReadOnlyList<string> Programmes => _programmes ??= People.SelectMany(p => p.Learning).Select(l => l.ProgramId).OfType<string>()
        .Concat(Costs.Select(c => c.ProgramId)).Distinct().Order(StringComparer.Ordinal).ToList();

    public RoiInputs For(string programId, DateTimeOffset asOf, int minGroupSize = 5) =>
        new(programId, People, Signals, Costs.Where(c => c.ProgramId == programId).ToList(), Assumptions, asOf, MinGroupSize: minGroupSize);

    /// <summary>From the service's <see cref="RoiDataCache"/> when it has one (it checks the data is current).</summary>
    public static Task<RoiData> LoadAsync(HttpContext http, LedgerDatabase db, string org, CancellationToken ct) =>
        http.RequestServices.GetService<RoiDataCache>() is { } cache ? cache.GetAsync(org, ct) : LoadAsync(db, org, ct);

    public static async Task<RoiData> LoadAsync(LedgerDatabase db, string org, CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        return await LoadAsync(conn, org, ct);
    }

    /// <summary>On the caller's connection (and transaction, if one is open: <see cref="RoiDataCache"/> reads in one snapshot).</summary>
    public static async Task<RoiData> LoadAsync(NpgsqlConnection conn, string org, CancellationToken ct)
    {
        var people = await EmployeeHistories.LoadAsync(conn, org, ct);
        var signals = await LoadSignalsAsync(conn, org, ct);
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

    public const string SignalsSql = """
        select person_id, metric, array_agg(occurred_at order by occurred_at, event_id), array_agg(value::double precision order by occurred_at, event_id)
          from analytics.performance_signal where org_id = $1 group by person_id, metric
        """;

    /// <summary>
    /// One row per person and metric with its signals as arrays in the order the estimator sums them (time, then
    /// event): about 40 times fewer rows than one a signal, and no string per signal on this side.
    /// </summary>
    public static async Task<PerformanceSignals> LoadSignalsAsync(NpgsqlConnection conn, string org, CancellationToken ct)
    {
        var builder = new PerformanceSignals.Builder();
        await using var cmd = new NpgsqlCommand(SignalsSql, conn);
        cmd.Parameters.AddWithValue(org);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var ticks = new List<long>();
        while (await r.ReadAsync(ct))
        {
            var times = r.GetFieldValue<DateTime[]>(2);
            ticks.Clear();
            foreach (var t in times) ticks.Add(t.Ticks); // timestamptz arrives as UTC
            builder.AddRun(r.GetString(0), r.GetString(1), System.Runtime.InteropServices.CollectionsMarshal.AsSpan(ticks), r.GetFieldValue<double[]>(3));
        }
        return builder.Build();
    }
}
