using SkillsLedger.Audit;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>skillsledger verify [--org ORG] — re-walks the organisation's hash chain; exit 0 when intact, 1 when broken.</summary>
public static class VerifyCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly();
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        using (await LedgerStoreFactory.CreateAsync(db.ConnectionString, ct)) { } // schema in place
        await using var database = new LedgerDatabase(db.ConnectionString);
        var org = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;
        var progress = new Progress($"verify {org}", null, !args.Has("no-progress"));
        var result = await ChainVerifier.VerifyAsync(database.DataSource, org, n => progress.Report(n, n), ct);
        progress.Done(result.Events);
        if (result.Ok)
        {
            Console.WriteLine($"ok: {result.Events:N0} events of organisation '{org}' verified; head {result.Head}");
            return 0;
        }
        Console.WriteLine($"BROKEN at sequence {result.BrokenAt}: {result.Reason} ({result.Events:N0} events verified before it)");
        return 1;
    }
}
