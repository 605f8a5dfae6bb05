using System.Diagnostics;
using SkillsLedger.Domain.Time;
using SkillsLedger.Infrastructure;
using SkillsLedger.Reports;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger report roi [--program P] [--as-of YYYY-MM-DD] --out DIR — the executive ROI report as one HTML
/// page, roi.json and the charts (PNG + SVG), after making sure the analytics projection has caught up.
/// </summary>
public static class ReportCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("program", "as-of", "out");
        if (args.Positionals is not ["roi"])
            throw new UsageException("usage: skillsledger report roi [--program P] [--as-of YYYY-MM-DD] --out DIR");
        var outDir = args.Option("out") ?? throw new UsageException("report roi needs --out DIR (the folder to write the report to)");
        // The one definition of asOf (AsOf): left out, the moment the command runs; a date alone, the end of that day (UTC).
        var asOf = DateTimeOffset.UtcNow;
        if (args.Option("as-of") is { } text && !AsOf.TryParse(text, out asOf))
            throw new UsageException($"--as-of must be an {AsOf.Syntax}, e.g. 2026-06-30 (got '{text}')");
        var org = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;

        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        try
        {
            var html = await WriteAsync(db.ConnectionString, org, asOf, args.Option("program"), outDir, Console.Error.WriteLine, ct);
            Console.WriteLine($"report: {html}");
            Console.WriteLine($"  as of {asOf:O}; the API gives the same figures with ?asOf={Uri.EscapeDataString(asOf.ToString("O"))}");
        }
        catch (UnknownProgrammeException ex)
        {
            throw new UsageException(ex.Message);
        }
        return 0;
    }

    /// <summary>Catches the projection up, builds the report and writes its files; returns the HTML path. Also used by `demo`.</summary>
    public static async Task<string> WriteAsync(string connectionString, string org, DateTimeOffset asOf, string? programId, string outDir,
        Action<string> log, CancellationToken ct)
    {
        using (var store = await LedgerStoreFactory.CreateAsync(connectionString, ct))
            await ProjectionCatchUp.EnsureCurrentAsync(store, connectionString, log, TimeSpan.FromMinutes(15), ct);
        var clock = Stopwatch.StartNew();
        await using var database = new LedgerDatabase(connectionString);
        var report = await RoiReportBuilder.BuildAsync(database, org, asOf, programId, TimeProvider.System, ct);
        var html = await RoiReportFiles.WriteAsync(report, outDir, ct);
        log($"report built in {clock.Elapsed.TotalSeconds:N1} s");
        return html;
    }
}
