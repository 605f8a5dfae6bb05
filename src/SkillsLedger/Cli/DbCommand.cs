using SkillsLedger.Database;

namespace SkillsLedger.Cli;

/// <summary>skillsledger db start|stop|status|psql-url — manage the embedded PostgreSQL explicitly.</summary>
public static class DbCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        if (args.Positionals.Count > 0 && args.Positionals[0] == "create-bi-role")
            return await CreateBiRoleAsync(args, ct);
        args.AllowOnly();
        if (ResolvedDatabase.ExternalDb(args) is not null)
            throw new UsageException("db start|stop|status|psql-url manage the embedded database; --db / SKILLSLEDGER_DB names an external one");
        var dataDir = ResolvedDatabase.DataDir(args);
        switch (args.Positionals.Count == 1 ? args.Positionals[0] : null)
        {
            case "start":
            {
                await using var pg = await EmbeddedPostgres.StartDetachedAsync(dataDir, ResolvedDatabase.EmbeddedOptions(args), Console.Error.WriteLine, ct);
                await pg.CreateDatabaseAsync(ResolvedDatabase.DatabaseName, ct);
                Console.WriteLine($"running on 127.0.0.1:{pg.Port} (data in {dataDir}); stop it with: skillsledger db stop");
                return 0;
            }
            case "stop":
                Console.WriteLine(await EmbeddedPostgres.StopAsync(dataDir, ResolvedDatabase.EmbeddedOptions(args), Console.Error.WriteLine, ct)
                    ? $"stopped (data in {dataDir})" : $"not running (data in {dataDir})");
                return 0;
            case "status":
            {
                var s = await EmbeddedPostgres.StatusAsync(dataDir);
                Console.WriteLine(s.Running
                    ? $"running on 127.0.0.1:{s.Port} (pid {s.Pid}{(s.OwnerPid is { } o ? $", owned by process {o}" : ", detached")}); data in {dataDir}"
                    : $"not running; data in {dataDir}");
                return s.Running ? 0 : 3;
            }
            case "psql-url":
            {
                await using var pg = await EmbeddedPostgres.StartOrAttachAsync(dataDir, ResolvedDatabase.EmbeddedOptions(args), Console.Error.WriteLine, ct);
                if (pg.OwnsServer)
                {
                    // Nobody else was running it: leave it running so the printed URL works.
                    await pg.DisposeAsync();
                    await using var detached = await EmbeddedPostgres.StartDetachedAsync(dataDir, ResolvedDatabase.EmbeddedOptions(args), ct: ct);
                    await detached.CreateDatabaseAsync(ResolvedDatabase.DatabaseName, ct);
                    Console.WriteLine(detached.GetUrl(ResolvedDatabase.DatabaseName));
                    return 0;
                }
                await pg.CreateDatabaseAsync(ResolvedDatabase.DatabaseName, ct);
                Console.WriteLine(pg.GetUrl(ResolvedDatabase.DatabaseName));
                return 0;
            }
            default:
                throw new UsageException("usage: skillsledger db start|stop|status|psql-url [--data-dir DIR]");
        }
    }

    /// <summary>skillsledger db create-bi-role NAME --password P (embedded or --db).</summary>
    private static async Task<int> CreateBiRoleAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("password");
        if (args.Positionals.Count != 2 || args.Option("password") is not { } password)
            throw new UsageException("usage: skillsledger db create-bi-role NAME --password PASSWORD");
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        // The analytics schema must exist before privileges on it can be granted.
        using (await SkillsLedger.Infrastructure.LedgerStoreFactory.CreateAsync(db.ConnectionString, ct)) { }
        await BiRole.CreateAsync(db.ConnectionString, args.Positionals[1], password, ct, args.Option("org"));
        var b = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString);
        Console.WriteLine($"role {args.Positionals[1]} can read schema analytics in database {b.Database} on {b.Host}:{b.Port} (read-only; " +
                          (args.Option("org") is { } org ? $"rows of organisation '{org}' only)" : "rows of every organisation)"));
        return 0;
    }
}
