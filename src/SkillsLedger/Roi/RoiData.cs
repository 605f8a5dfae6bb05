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

    /// <summary>
    /// ROI of each programme, in the order given; those that cannot be computed are listed with the reason.
    /// Programmes are independent once the shared indexes exist, so they are computed on every core.
    /// </summary>
    public (List<RoiResult> Results, List<RoiProblem> Failures) ComputeAll(IReadOnlyList<string> programmes, DateTimeOffset asOf, int minGroupSize,
        CancellationToken ct)
    {
        var outcomes = new (RoiResult? Result, RoiProblem? Problem)[programmes.Count];
        Parallel.For(0, programmes.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try { outcomes[i] = (RoiCalculator.Compute(For(programmes[i], asOf, minGroupSize)), null); }
            catch (RoiInputException ex) { outcomes[i] = (null, new RoiProblem(programmes[i], ex.Field, ex.Message)); }
        });
        return (outcomes.Where(o => o.Result is not null).Select(o => o.Result!).ToList(),
            outcomes.Where(o => o.Problem is not null).Select(o => o.Problem!).ToList());
    }

    /// <summary>From <paramref name="cache"/> when there is one (it checks the data is current), else afresh.</summary>
    public static Task<RoiData> LoadAsync(LedgerDatabase db, string org, RoiDataCache? cache, CancellationToken ct) =>
        cache is not null ? cache.GetAsync(org, ct) : LoadAsync(db, org, ct);

    /// <summary>
    /// Through the figure cache as well: at 100,000 people a load after ROI events takes seconds, so while it runs the
    /// API and the dashboard answer from the last load and say so (<see cref="FigureCache"/>).
    /// </summary>
    public static Task<RoiData> LoadAsync(FigureCache figures, LedgerDatabase db, string org, RoiDataCache cache, CancellationToken ct) =>
        figures.GetAsync(org, c => cache.GetAsync(org, c), ct);

    /// <summary>Loads afresh (in one snapshot of the database; see <see cref="RoiDataCache.LoadAsync"/>).</summary>
    public static async Task<RoiData> LoadAsync(LedgerDatabase db, string org, CancellationToken ct) =>
        (await RoiDataCache.LoadAsync(db, org, ct)).Data;

    /// <summary>
    /// The signals on one connection while everything else is read on the other: PostgreSQL sorts and sends the
    /// signals (the biggest read) while this side takes in the people. Both connections must see the same snapshot.
    /// </summary>
    public static async Task<RoiData> LoadAsync(NpgsqlConnection conn, NpgsqlConnection signalsConnection, string org, CancellationToken ct)
    {
        var signalsRead = LoadSignalsAsync(signalsConnection, org, ct);
        IReadOnlyList<EmployeeHistory> people;
        try { people = await EmployeeHistories.LoadAsync(conn, org, ct); }
        catch
        {
            await signalsRead.ContinueWith(_ => { }, TaskScheduler.Default); // not left running on a connection about to close
            throw;
        }
        var signals = await signalsRead;
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
