using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>skillsledger serve [--urls http://127.0.0.1:5080]</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("urls");
        var urls = args.Option("urls") ?? Environment.GetEnvironmentVariable("SKILLSLEDGER_URLS") ?? DefaultUrls;
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var app = LedgerHost.Build(db.ConnectionString, urls,
            options: new LedgerServiceOptions { DefaultOrganisation = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation });
        await app.StartAsync(ct);
        Console.WriteLine($"SkillsLedger listening on {string.Join(", ", app.Urls)} — {db.Description}");
        Console.WriteLine("OpenAPI: /openapi/v1.json · health: /health/ready · stop with Ctrl+C");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
