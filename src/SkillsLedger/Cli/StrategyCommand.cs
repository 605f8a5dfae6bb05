using SkillsLedger.Domain.Time;
using SkillsLedger.Infrastructure;
using SkillsLedger.Reports;
using SkillsLedger.Strategy;

namespace SkillsLedger.Cli;

/// <summary>skillsledger strategy status [--as-of T] [--known-at T] — each strategic goal's status, supply, forecast and linked learning.</summary>
public static class StrategyCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("as-of", "known-at");
        if (args.Positionals is not ["status"])
            throw new UsageException("usage: skillsledger strategy status [--as-of YYYY-MM-DD] [--known-at YYYY-MM-DD]");
        var now = DateTimeOffset.UtcNow;
        var asOf = Instant(args, "as-of", now);
        var knownAt = Instant(args, "known-at", now);
        var org = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        // Linked learning reads the analytics tables: bring them up to date first.
        using (var store = await LedgerStoreFactory.CreateAsync(db.ConnectionString, ct))
            await ProjectionCatchUp.EnsureCurrentAsync(store, db.ConnectionString, Console.Error.WriteLine, TimeSpan.FromMinutes(15), ct);
        await using var database = new LedgerDatabase(db.ConnectionString);
        Console.Write(StrategyText.Status(await StrategyQuery.AllAsync(database, org, asOf, knownAt, ct)));
        return 0;
    }

    /// <summary>An instant option (the one definition of asOf: a date alone is the end of that day, UTC), or the fallback.</summary>
    public static DateTimeOffset Instant(CliArgs args, string name, DateTimeOffset fallback)
    {
        if (args.Option(name) is not { } text) return fallback;
        return AsOf.TryParse(text, out var value) ? value : throw new UsageException($"--{name} must be an {AsOf.Syntax}, e.g. 2026-06-30 (got '{text}')");
    }
}
