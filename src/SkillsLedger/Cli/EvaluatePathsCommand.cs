using System.Globalization;
using SkillsLedger.Careers.Evaluation;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>
/// skillsledger evaluate paths --as-of T [--horizon-months 12] [--seed 42] [--min-group-size 5] — learning paths and
/// career routes built at T, against what people did in the following months (<see cref="PathsEvaluationQuery"/>).
/// </summary>
public static class EvaluatePathsCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("as-of", "horizon-months", "seed", "min-group-size");
        if (args.Option("as-of") is null)
            throw new UsageException("usage: skillsledger evaluate paths --as-of YYYY-MM-DD [--horizon-months 12] [--seed 42] [--min-group-size 5]");
        var now = DateTimeOffset.UtcNow;
        var asOf = StrategyCommand.Instant(args, "as-of", now);
        var horizon = args.IntOption("horizon-months", 12, 1, 120);
        var seed = args.IntOption("seed", PathsEvaluationQuery.DefaultSeed, 0, int.MaxValue);
        var minGroupSize = args.IntOption("min-group-size", 5, 1, 1000);
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var database = new LedgerDatabase(db.ConnectionString);
        var org = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;
        var view = await PathsEvaluationQuery.RunAsync(database, org, asOf, horizon, seed, minGroupSize, now, ct);
        if (view.BusinessTimeOnly)
            Console.Error.WriteLine($"{org}: the ledger recorded nothing by {asOf:yyyy-MM-dd} (loaded in bulk later), so 'known then' is business time alone: events that occurred by then");
        Console.Write(Table(view));
        return 0;
    }

    public static string Table(PathsEvaluationView v)
    {
        var inv = CultureInfo.InvariantCulture;
        static string F(double? x, string format = "0.0000") => x is { } d ? d.ToString(format, CultureInfo.InvariantCulture) : "–";
        static string Ci(double? lo, double? hi, string format = "0.0000") => lo is null || hi is null ? "–" : $"[{F(lo, format)}, {F(hi, format)}]";
        var lp = v.LearningPaths;
        var lines = new List<string>
        {
            string.Create(inv, $"Suggestions built at {v.AsOf:yyyy-MM-dd} (known at {v.KnownAt:yyyy-MM-dd HH:mm}{(v.BusinessTimeOnly ? ", business time only" : "")}), outcomes to {v.HorizonEnd:yyyy-MM-dd} ({v.HorizonMonths} months); seed {v.Seed}, minGroupSize {v.MinGroupSize}"),
            "",
            string.Create(inv, $"Learning paths: {lp.People} people employed at T, {lp.PeopleWithGaps} with gaps; {lp.Completions} later completions on their gap skills with a measured gain. Unit: {lp.Unit}."),
            "",
            "| group | people | completions | mean gain per hour | 95 % interval |",
            "| --- | ---: | ---: | ---: | --- |",
        };
        lines.AddRange(lp.Groups.Select(g => string.Create(inv, $"| {g.Group} | {g.People} | {g.Completions} | {F(g.Mean)} | {Ci(g.CiLow, g.CiHigh)} |")));
        lines.AddRange(["", "| difference (people as the unit) | people | difference | 95 % interval (Welch) |", "| --- | ---: | ---: | --- |"]);
        lines.AddRange(lp.Differences.Select(d => string.Create(inv, $"| {d.Comparison} | {d.PeopleA} vs {d.PeopleB} | {F(d.Difference)} | {Ci(d.CiLow, d.CiHigh)} |")));
        var r = v.Routes;
        lines.AddRange(["", string.Create(inv, $"Career routes: {r.People} people employed at T, {r.Moves} made a role move in the horizon (their first counts)."), "",
            "| method | moves | hits | hit rate | 95 % interval (Wilson) |", "| --- | ---: | ---: | ---: | --- |"]);
        lines.AddRange(r.Rates.Select(h => string.Create(inv, $"| {h.Method} | {h.Moves} | {h.Hits} | {F(h.Rate, "0.0 %")} | {Ci(h.CiLow, h.CiHigh, "0.0 %")} |")));
        lines.Add(string.Create(inv, $"\nDiscordant moves: routes top 3 hit and baseline missed {r.MethodOnly}; baseline hit and routes top 3 missed {r.BaselineOnly}."));
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }
}
