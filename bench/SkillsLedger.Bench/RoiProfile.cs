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
                case "--as-of": asOf = SkillsLedger.Domain.Time.AsOf.EndOfDay(DateOnly.ParseExact(Next(), "yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (cs is null) throw new ArgumentException("--db is required");

        await using var db = new LedgerDatabase(cs);
        var total = Stopwatch.StartNew();
        // Wall time and this process's CPU time: the machine is shared, so CPU seconds are the steadier figure
        // for work done here (the database's own work shows only in the wall time).
        var process = Process.GetCurrentProcess();
        double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalSeconds; }
        T Time<T>(string step, Func<T> work)
        {
            var (clock, cpu) = (Stopwatch.StartNew(), Cpu());
            var result = work();
            log.WriteLine($"{step,-52} {clock.Elapsed.TotalSeconds,8:N3} s wall {Cpu() - cpu,8:N3} s cpu");
            return result;
        }
        async Task<T> TimeAsync<T>(string step, Func<Task<T>> work)
        {
            var (clock, cpu) = (Stopwatch.StartNew(), Cpu());
            var result = await work();
            log.WriteLine($"{step,-52} {clock.Elapsed.TotalSeconds,8:N3} s wall {Cpu() - cpu,8:N3} s cpu");
            return result;
        }

        // The database's own share: each query read to the end with nothing materialised.
        await TimeAsync("signals, one row a signal (before), values skipped", () => ReadOnlyAsync(cs,
            "select person_id, metric, occurred_at, value::double precision from analytics.performance_signal where org_id = $1 order by person_id, occurred_at, event_id", org, ct));
        await TimeAsync("signals, one row a person-metric, values skipped", () => ReadOnlyAsync(cs, RoiData.SignalsSql, org, ct));
        var people = await TimeAsync("load people + courses (EmployeeHistories)", () => EmployeeHistories.LoadAsync(db, org, ct));
        await TimeAsync("load signals + lay them out (PerformanceSignals)", async () =>
        {
            await using var conn = await db.DataSource.OpenConnectionAsync(ct);
            return await RoiData.LoadSignalsAsync(conn, org, ct);
        });
        // The signal load in its three parts: read the arrays, hand them to the builder, lay them out.
        var rows = await TimeAsync("  signals: read the arrays", async () =>
        {
            var list = new List<(string, string, DateTime[], double[])>();
            await using var conn = await db.DataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand(RoiData.SignalsSql, conn);
            cmd.Parameters.AddWithValue(org);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) list.Add((r.GetString(0), r.GetString(1), r.GetFieldValue<DateTime[]>(2), r.GetFieldValue<double[]>(3)));
            return list;
        });
        var builder = Time("  signals: add to the builder", () =>
        {
            var b = new PerformanceSignals.Builder();
            foreach (var (person, metric, times, values) in rows) b.AddRun(person, metric, times.Select(t => t.Ticks).ToArray(), values);
            return b;
        });
        Time("  signals: lay out (Builder.Build)", () => builder.Build());
        rows = null;
        var data = await TimeAsync("load all (RoiData.LoadAsync)", () => RoiData.LoadAsync(db, org, ct));
        log.WriteLine($"  {data.People.Count:N0} people, {data.Signals.Count:N0} signals, {data.Costs.Count:N0} costs");
        var programmes = Time("programme list", () => data.Programmes);
        log.WriteLine($"  {programmes.Count} programmes");

        double did = 0, compute = 0, didCpu = 0, computeCpu = 0;
        var results = new List<RoiResult>();
        foreach (var (programme, n) in programmes.Select((p, n) => (p, n)))
        {
            var input = data.For(programme, asOf);
            var (c1, u1) = (Stopwatch.StartNew(), Cpu());
            DifferenceInDifferences.Estimate(programme, input.People, input.Signals, input.WindowDays);
            var (d, du) = (c1.Elapsed.TotalSeconds, Cpu() - u1);
            var (c2, u2) = (Stopwatch.StartNew(), Cpu());
            try { results.Add(RoiCalculator.Compute(input)); }
            catch (RoiInputException) { }
            var (c, cu) = (c2.Elapsed.TotalSeconds, Cpu() - u2);
            log.WriteLine($"  {programme,-24} DiD {d,7:N3} s wall {du,7:N3} s cpu; whole ROI after it (DiD again + retention + costs) {c,7:N3} s wall {cu,7:N3} s cpu");
            did += d;
            compute += c;
            didCpu += du;
            computeCpu += cu;
        }
        log.WriteLine($"{"DiD, every programme (first builds the index)",-52} {did,8:N3} s wall {didCpu,8:N3} s cpu");
        log.WriteLine($"{"ROI, every programme, after DiD (DiD again + retention)",-52} {compute,8:N3} s wall {computeCpu,8:N3} s cpu");

        var retention = Time("report: retention by programme", () =>
            RetentionQuery.Analyse(data.People, asOf, RoiReportBuilder.LandmarkDays, RoiReportBuilder.HorizonMonths, "program", RoiReportBuilder.MinGroupSize, false));
        var growth = await TimeAsync("report: growth by programme (SQL)", () => GrowthQuery.QueryAsync(db, org, "program", ct, RoiReportBuilder.MinGroupSize));
        var cells = await TimeAsync("report: team × skill gaps (SQL)", () => GapQuery.TeamSkillMatrixAsync(db, org, ct));
        var report = new RoiReport(org, asOf, asOf, null, RoiMethod.Text, results, [], retention,
            new GrowthView("program", GrowthQuery.Unit, GrowthQuery.Method, RoiReportBuilder.MinGroupSize, growth, DateTimeOffset.UtcNow),
            new GapMatrix("profile", RoiReportBuilder.MinGroupSize, 0, cells.Where(c => c.Members >= RoiReportBuilder.MinGroupSize).ToList(), 0), []);
        var charts = Time("report: charts", () => ReportCharts.Render(report));
        Time("report: HTML", () => RoiReportHtml.RenderAsync(report with { Charts = charts }).GetAwaiter().GetResult().Length);
        Time("report: whole (RoiReportBuilder.BuildAsync)", () => RoiReportBuilder.BuildAsync(db, org, asOf, null, TimeProvider.System, ct).GetAwaiter().GetResult());
        log.WriteLine($"{"total",-52} {total.Elapsed.TotalSeconds,8:N3} s wall {Cpu(),8:N3} s cpu (process)");
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
