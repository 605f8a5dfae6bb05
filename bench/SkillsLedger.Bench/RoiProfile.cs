using System.Diagnostics;
using System.Globalization;
using Npgsql;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Gaps;
using SkillsLedger.Growth;
using SkillsLedger.Infrastructure;
using SkillsLedger.Reports;
using SkillsLedger.Retention;
using SkillsLedger.Roi;

namespace SkillsLedger.Bench;

/// <summary>
/// `skillsledger-bench roi-profile --db CS [--org ORG] [--as-of YYYY-MM-DD]`: where the time of ROI of every programme
/// and of the ROI report goes, step by step, against an existing ledger (read-only: it only runs SELECTs). The
/// `analytics` scenario times the whole HTTP requests; this splits them so the next change aims at the biggest cost.
/// </summary>
public static class RoiProfile
{
    public const string Usage = "usage: skillsledger-bench roi-profile --db CONNECTION_STRING [--org ORG] [--as-of YYYY-MM-DD]";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter log, CancellationToken ct)
    {
        string? cs = null, org = LedgerStoreConfiguration.DefaultOrganisation;
        var asOf = new DateTimeOffset(2026, 6, 30, 23, 59, 59, TimeSpan.Zero);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--db": cs = Next(); break;
                case "--org": org = Next(); break;
                case "--as-of": asOf = DateTimeOffset.ParseExact(Next() + "T23:59:59Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (cs is null) throw new ArgumentException("--db is required");

        await using var db = new LedgerDatabase(cs);
        var total = Stopwatch.StartNew();
        T Time<T>(string step, Func<T> work)
        {
            var clock = Stopwatch.StartNew();
            var result = work();
            log.WriteLine($"{step,-48} {clock.Elapsed.TotalSeconds,8:N3} s");
            return result;
        }
        async Task<T> TimeAsync<T>(string step, Func<Task<T>> work)
        {
            var clock = Stopwatch.StartNew();
            var result = await work();
            log.WriteLine($"{step,-48} {clock.Elapsed.TotalSeconds,8:N3} s");
            return result;
        }

        // The database's own share: each query read to the end with nothing materialised.
        await TimeAsync("signals, one row a signal (before), values skipped", () => ReadOnlyAsync(cs,
            "select person_id, metric, occurred_at, value::double precision from analytics.performance_signal where org_id = $1 order by person_id, occurred_at, event_id", org, ct));
        await TimeAsync("signals, one row a person-metric, values skipped", () => ReadOnlyAsync(cs, """
            select person_id, metric, array_agg(occurred_at order by occurred_at, event_id), array_agg(value::double precision order by occurred_at, event_id)
              from analytics.performance_signal where org_id = $1 group by person_id, metric
            """, org, ct));
        var people = await TimeAsync("load people + courses (EmployeeHistories)", () => EmployeeHistories.LoadAsync(db, org, ct));
        await TimeAsync("load signals + lay them out (PerformanceSignals)", async () =>
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(ct);
            return await RoiData.LoadSignalsAsync(conn, org, ct);
        });
        var data = await TimeAsync("load all (RoiData.LoadAsync)", () => RoiData.LoadAsync(db, org, ct));
        log.WriteLine($"  {data.People.Count:N0} people, {data.Signals.Count:N0} signals, {data.Costs.Count:N0} costs");
        var programmes = Time("programme list", () => data.Programmes);
        log.WriteLine($"  {programmes.Count} programmes");

        double did = 0, compute = 0;
        var results = new List<RoiResult>();
        foreach (var (programme, n) in programmes.Select((p, n) => (p, n)))
        {
            var input = data.For(programme, asOf);
            var c1 = Stopwatch.StartNew();
            DifferenceInDifferences.Estimate(programme, input.People, input.Signals, input.WindowDays);
            var d = c1.Elapsed.TotalSeconds;
            var c2 = Stopwatch.StartNew();
            try { results.Add(RoiCalculator.Compute(input)); }
            catch (RoiInputException) { }
            var c = c2.Elapsed.TotalSeconds;
            if (n < 3 || n == programmes.Count - 1)
                log.WriteLine($"  {programme,-24} DiD {d,7:N3} s   whole ROI (DiD again + retention + costs) {c,7:N3} s");
            did += d;
            compute += c;
        }
        log.WriteLine($"{"DiD, every programme (first builds the index)",-48} {did,8:N3} s");
        log.WriteLine($"{"ROI, every programme (DiD reused + retention)",-48} {compute,8:N3} s  → retention + rest ≈ {compute - did:N3} s");

        var retention = Time("report: retention by programme", () =>
            RetentionEndpoint.Analyse(data.People, asOf, RoiReportBuilder.LandmarkDays, RoiReportBuilder.HorizonMonths, "program", RoiReportBuilder.MinGroupSize, false));
        var growth = await TimeAsync("report: growth by programme (SQL)", () => GrowthEndpoint.QueryAsync(db, org, "program", ct, RoiReportBuilder.MinGroupSize));
        var cells = await TimeAsync("report: team × skill gaps (SQL)", () => GapEndpoints.TeamSkillMatrixAsync(db, org, ct));
        var report = new RoiReport(org, asOf, asOf, null, RoiEndpoints.Method, results, [], retention,
            new GrowthView("program", GrowthEndpoint.Unit, GrowthEndpoint.Method, RoiReportBuilder.MinGroupSize, growth),
            new GapMatrix("profile", RoiReportBuilder.MinGroupSize, 0, cells.Where(c => c.Members >= RoiReportBuilder.MinGroupSize).ToList(), 0), []);
        var charts = Time("report: charts", () => ReportCharts.Render(report));
        Time("report: HTML", () => RoiReportHtml.Render(report with { Charts = charts }).Length);
        Time("report: whole (RoiReportBuilder.BuildAsync)", () => RoiReportBuilder.BuildAsync(db, org, asOf, null, TimeProvider.System, ct).GetAwaiter().GetResult());
        log.WriteLine($"{"total",-48} {total.Elapsed.TotalSeconds,8:N3} s");
        return 0;
    }

    private static async Task<long> ReadOnlyAsync(string cs, string sql, string org, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue(org);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        long rows = 0;
        while (await r.ReadAsync(ct)) rows++;
        return rows;
    }
}
