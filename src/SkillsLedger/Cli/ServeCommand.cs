using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>skillsledger serve [--urls http://127.0.0.1:5080] [--no-auth] [--daemon solo|distributed] [--heartbeat 5]</summary>
public static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("urls", "no-auth", "daemon", "heartbeat");
        var settings = LedgerSettings.From(args);
        ProjectionDaemonMode daemon;
        try { daemon = ProjectionDaemon.Parse(settings.Daemon); }
        catch (ArgumentException ex) { throw new UsageException("--daemon: " + ex.Message); }
        var heartbeat = settings.NodeHeartbeat is >= 1 and <= 60 ? settings.NodeHeartbeat
            : throw new UsageException($"--heartbeat must be a whole number of seconds between 1 and 60 (got '{settings.NodeHeartbeat}')");
        var noAuth = args.Has("no-auth");
        var rate = settings.RateLimit > 0 ? settings.RateLimit
            : throw new UsageException($"SKILLSLEDGER_RATE_LIMIT must be a positive number of requests per second (got {settings.RateLimit})");
        var urls = settings.Urls;
        var (corsOrigins, corsProblem) = SkillsLedger.Xapi.XapiCors.Parse(settings.XapiCorsOrigins);
        if (corsProblem is not null) throw new UsageException("SKILLSLEDGER_XAPI_CORS_ORIGINS: " + corsProblem);
        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        await using var app = LedgerHost.Build(db.ConnectionString, urls,
            options: new LedgerServiceOptions
            {
                DefaultOrganisation = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation,
                RequireAuthentication = !noAuth,
                RateLimitPerSecond = rate,
                RateLimitBurst = rate * 2,
                DaemonMode = daemon,
                NodeHeartbeat = TimeSpan.FromSeconds(heartbeat),
                ServerTiming = settings.ServerTiming,
                WarmFigures = settings.WarmFigures,
                SlowFigure = FigureCache.ServedSlowFigure,
                PageFigureWait = SkillsLedger.Dashboard.FiguresBeingComputedPage.ServedWait,
                XapiCorsOrigins = corsOrigins!,
            });
        await app.StartAsync(ct);
        if (noAuth)
            Console.Error.WriteLine("WARNING: --no-auth: authentication is OFF. Anyone who can reach this port is an admin of " +
                                    "the default organisation. Use it only on a trusted machine.");
        else if (!await app.Services.GetRequiredService<SkillsLedger.Access.ApiKeys>().AnyAsync(ct))
        {
            // First start: nobody could call the API without a key, so make one admin key and show it once.
            var (info, key) = await app.Services.GetRequiredService<SkillsLedger.Access.ApiKeys>()
                .CreateAsync(LedgerStoreConfiguration.DefaultOrganisation, SkillsLedger.Access.Roles.Admin, "first-admin", ct);
            Console.WriteLine($"No API keys existed: created admin key '{info.Name}' for organisation 'default' (shown once, store it now):");
            Console.WriteLine($"admin key: {key}");
        }
        Console.WriteLine($"SkillsLedger listening on {string.Join(", ", app.Urls)} — {db.Description}");
        if (daemon == ProjectionDaemonMode.Distributed)
            Console.WriteLine($"projections: distributed across the nodes on this database (this is node {SkillsLedger.ProjectionOps.NodeIdentity.Of(app.Services).Number}, " +
                              $"heartbeat {heartbeat} s); see GET /api/projections/status");
        Console.WriteLine("OpenAPI: /openapi/v1.json · health: /health/ready · stop with Ctrl+C");
        await app.WaitForShutdownAsync(ct);
        return 0;
    }
}
