using System.Globalization;
using SkillsLedger.Infrastructure;
using SkillsLedger.Strategy;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger evaluate forecasts --as-of T [--orgs A,B] — the calibration backtest of the supply forecast
/// (<see cref="ForecastBacktest"/>): prints per organisation and overall how often the 80 % and 95 % intervals
/// contained the actual supply at T.
/// </summary>
public static class EvaluateCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        if (args.Positionals is ["paths"]) return await EvaluatePathsCommand.RunAsync(args, ct);
        args.AllowOnly("as-of", "orgs", "details");
        if (args.Positionals is not ["forecasts"] || args.Option("as-of") is null)
            throw new UsageException("usage: skillsledger evaluate forecasts --as-of YYYY-MM-DD [--orgs ORG,ORG] [--details FILE.csv]\n" +
                                     "       skillsledger evaluate paths --as-of YYYY-MM-DD [--horizon-months 12] [--seed 42] [--min-group-size 5]");
        var now = DateTimeOffset.UtcNow;
        var at = StrategyCommand.Instant(args, "as-of", now);
        var origin = at.AddMonths(-ForecastBacktest.HorizonMonths);
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var database = new LedgerDatabase(db.ConnectionString);
        var orgs = args.Option("orgs")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                   ?? [args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation];

        var results = new List<BacktestTarget>();
        foreach (var org in orgs)
        {
            var ledger = await StrategyLedger.LoadAsync(database, org, null, ct);
            if (ledger.People.Count == 0) throw new UsageException($"organisation '{org}' has no people in this ledger");
            var (knownAt, businessOnly) = ForecastBacktest.OriginKnownAt(ledger, origin, now);
            if (businessOnly)
                Console.Error.WriteLine($"{org}: the ledger recorded nothing by {origin:yyyy-MM-dd} (loaded in bulk later), so 'known then' is business time alone: events that occurred by then");
            var then = new WorkforceAt(ledger.People.Values, knownAt);
            var targets = ForecastBacktest.Targets(ledger, then, origin);
            var progress = new Progress($"evaluate {org}", targets.Count, !args.Has("no-progress"), "targets");
            var done = 0;
            foreach (var r in ForecastBacktest.Run(org, targets, then, new WorkforceAt(ledger.People.Values, now), at))
            {
                results.Add(r);
                progress.Report(++done, done);
            }
            progress.Done(done);
        }
        if (args.Option("details") is { } file) await File.WriteAllLinesAsync(file, Details(results), ct);
        Console.Write(Table(results, at, origin, orgs));
        return 0;
    }

    public static string Table(IReadOnlyList<BacktestTarget> results, DateTimeOffset at, DateTimeOffset origin, IReadOnlyList<string> orgs)
    {
        var inv = CultureInfo.InvariantCulture;
        var lines = new List<string>
        {
            string.Create(inv, $"Forecast calibration: forecasts made at {origin:yyyy-MM-dd} (known then) for {at:yyyy-MM-dd}, actual supply at {at:yyyy-MM-dd}"),
            "| organisation | targets | 80 % interval covers | 95 % interval covers | mean |actual − median| (people) |",
            "| --- | ---: | ---: | ---: | ---: |",
        };
        foreach (var group in orgs.Select(o => (Name: o, Rows: results.Where(r => r.Organisation == o).ToList())).Append((Name: "all", Rows: results.ToList())))
        {
            var n = group.Rows.Count;
            if (n == 0) continue;
            double Share(Func<BacktestTarget, bool> f) => group.Rows.Count(f) / (double)n;
            lines.Add(string.Create(inv,
                $"| {group.Name} | {n} | {Share(r => r.Forecast.Within80(r.Actual)):P1} | {Share(r => r.Forecast.Within95(r.Actual)):P1} | {group.Rows.Average(r => Math.Abs(r.Actual - r.Forecast.Median)):0.0} |"));
        }
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static IEnumerable<string> Details(IEnumerable<BacktestTarget> results) =>
        new[] { "organisation,skill,level,scope,in_scope_at_origin,supply_at_origin,median,low80,high80,low95,high95,actual" }
            .Concat(results.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"{r.Organisation},{r.Target.Skill},{r.Target.Level},{StrategyText.Scope(r.Target.Scope)},{r.InScopeAtOrigin},{r.SupplyAtOrigin},{r.Forecast.Median},{r.Forecast.Low80},{r.Forecast.High80},{r.Forecast.Low95},{r.Forecast.High95},{r.Actual}")));
}
