using SkillsLedger.Dashboard;
using JasperFx;
using JasperFx.CodeGeneration;
using Marten;
using Microsoft.AspNetCore.Diagnostics;
using SkillsLedger.Access;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Web;
using SkillsLedger.Xapi;
using Wolverine;
using Wolverine.Http;

namespace SkillsLedger.Hosting;

/// <summary>Builds the HTTP service (used by `serve` and by the integration tests).</summary>
public static class LedgerHost
{
    public static WebApplication Build(string connectionString, string urls, string[]? args = null, Action<WebApplicationBuilder>? configure = null,
        LedgerServiceOptions? options = null)
    {
        // Named connections let `skillsledger rebuild` see a running service (and its daemon) on the same database.
        connectionString = SkillsLedger.ProjectionOps.RunningServices.TagAsService(connectionString);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseUrls(urls);
        // Our own reader enforces the 16 MiB limit with a problem response; Kestrel's is only a backstop.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64L * 1024 * 1024);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Wolverine warns "found no handlers" at every start: we use it for HTTP endpoints and node assignment, not for
        // messages, so having none is the design. A warning an operator cannot act on reads like an error; errors of
        // handler discovery still show.
        builder.Logging.AddFilter("Wolverine.Configuration.HandlerDiscovery", LogLevel.Error);
        // Which figure took how long (only those of a second or more): what holds a page up at scale.
        builder.Logging.AddFilter(typeof(FigureCache).FullName, LogLevel.Information);

        // Bound once from configuration (SKILLSLEDGER_* variables and command-line options, Cli/LedgerSettings.cs) by
        // `serve`, or given by a test; read through the options pattern like every ASP.NET Core setting.
        var settings = options ?? new LedgerServiceOptions();
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(settings));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new LedgerDatabase(connectionString));
        // One person's evidence for the level routes and pages, with the skill scales kept in memory per catalogue state.
        builder.Services.AddSingleton<SkillsLedger.SkillLevels.SkillScaleCatalogue>();
        builder.Services.AddSingleton<SkillsLedger.SkillLevels.PersonEvidenceQuery>();
        // ROI data loaded once per analytics projection position, shared by the ROI endpoints and the report.
        builder.Services.AddSingleton(sp => new SkillsLedger.Roi.RoiDataCache(sp.GetRequiredService<LedgerDatabase>()));
        // A slow figure answered from an earlier ledger state says so on the request that gets it (header, page notice).
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<IHttpContextAccessor>();
            return new FigureCache(sp.GetRequiredService<LedgerDatabase>(), settings.SlowFigure,
                served: age => FigureFreshness.Record(http.HttpContext, age), waitLimit: () => FigureWait.Remaining(http.HttpContext),
                log: sp.GetRequiredService<ILogger<FigureCache>>());
        });
        // Hosted services start in registration order: the schema is in place before the daemon runs. Instead of
        // Marten's ApplyAllDatabaseChangesOnStartup, which compares the whole schema on every start (SchemaAtStartup).
        builder.Services.AddHostedService(sp => new SchemaAtStartup(sp.GetRequiredService<LedgerDatabase>(), sp.GetRequiredService<IDocumentStore>()));
        builder.Services.AddMarten(o => LedgerStoreConfiguration.Configure(o, connectionString))
            .UseLightweightSessions()
            // Solo on one node; Wolverine-managed distribution across several (ProjectionDaemon, docs/operations.md).
            .AddLedgerDaemon(settings);
        builder.Services.AddSingleton<LedgerAppender>();
        builder.Services.AddSingleton<SkillsLedger.ProjectionOps.LocalDaemon>();
        builder.Services.AddApiAccess();
        builder.Services.AddXapi();
        builder.Services.AddDashboard();
        if (settings.WarmFigures)
        {
            // Also asked directly: a page whose date is not computed yet has the rest of that date's figures computed.
            builder.Services.AddSingleton<FigureWarmer>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<FigureWarmer>());
        }
        builder.Host.UseWolverine(opts =>
        {
            // Release: the endpoints' classes are compiled in (GeneratedCode); Roslyn is loaded only to generate them.
            if (GeneratedCode.LoadMode != TypeLoadMode.Static || DynamicCodeBuilder.WithinCodegenCommand) opts.UseRuntimeCompilation();
            opts.Discovery.IncludeAssembly(typeof(LedgerHost).Assembly);
            opts.ApplicationAssembly = typeof(LedgerHost).Assembly;
            opts.CodeGeneration.TypeLoadMode = GeneratedCode.LoadMode;
            ProjectionDaemon.ConfigureNodes(opts, settings);
        });
        builder.Services.AddWolverineHttp();
        builder.Services.AddOpenApi(OpenApiDescriptions.Configure);
        builder.Services.AddProblemDetails();
        builder.Services.AddRateLimiter(o => PerKeyRateLimit.Configure(o, settings));
        configure?.Invoke(builder);

        var app = builder.Build();
        // Last line of defence: an unexpected failure is a 500 problem without internals (never a stack trace).
        app.UseExceptionHandler(errorApp => errorApp.Run(async http =>
        {
            var error = http.Features.Get<IExceptionHandlerFeature>()?.Error;
            app.Logger.LogError(error, "Unhandled error on {Path}", http.Request.Path);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            http.Response.ContentType = Problems.ContentType;
            await http.Response.WriteAsJsonAsync(new { type = "https://httpstatuses.io/500", title = "Internal error", status = 500,
                detail = "The ledger could not complete the request; nothing was written. The error is logged with correlation id " + RequestContext.CorrelationId(http) });
        }));
        app.UseServerTiming(settings);
        // Middleware here is written (context, RequestDelegate) and returns next's task where it has nothing to do after
        // it: the (context, Func<Task>) form allocates a closure and a state machine on every request (docs/performance.md).
        app.Use((http, next) =>
        {
            RequestContext.CorrelationId(http);
            return next(http);
        });
        app.UseXapiAlternateSyntax(); // before routing and authentication: it rewrites method, headers and query
        app.UseRouting();
        app.UseCors(); // only endpoints that name a policy get CORS headers: /xapi (Xapi/XapiCors.cs); it answers their preflight before sign-in
        // Each endpoint declares its policy (LedgerPolicies); a request without a valid key is refused with 401 before
        // any routing answer (the fallback policy also covers paths that match no route).
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAccessLog();
        app.MapOpenApi().AllowAnonymous();
        app.MapWolverineEndpoints(OpenApiDescriptions.AttachQuerySpecs);
        app.MapXapi();
        app.MapDashboard();
        return app;
    }
}
