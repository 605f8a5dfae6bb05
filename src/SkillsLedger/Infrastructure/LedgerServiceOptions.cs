namespace SkillsLedger.Infrastructure;

/// <summary>Settings of one running service.</summary>
public sealed record LedgerServiceOptions
{
    /// <summary>Organisation for requests that do not name one (until authentication assigns it per key).</summary>
    public string DefaultOrganisation { get; init; } = LedgerStoreConfiguration.DefaultOrganisation;

    /// <summary>False only with `serve --no-auth` (logged loudly): every caller is then an admin of the default organisation.</summary>
    public bool RequireAuthentication { get; init; } = true;

    /// <summary>Per-key token bucket: sustained requests per second (SKILLSLEDGER_RATE_LIMIT) and burst size.</summary>
    public int RateLimitPerSecond { get; init; } = 200;
    public int RateLimitBurst { get; init; } = 400;

    /// <summary>Solo (one node, default) or Distributed (several `serve` nodes share the async projections): `serve --daemon`.</summary>
    public ProjectionDaemonMode DaemonMode { get; init; } = ProjectionDaemonMode.Solo;

    /// <summary>Distributed only: how often a node reports that it is alive; after 4 missed beats its projections move.</summary>
    public TimeSpan NodeHeartbeat { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// SKILLSLEDGER_SERVER_TIMING=1: every /api response carries `Server-Timing: app;dur=MS`, the time inside this
    /// process until the response headers were sent. Off by default (it tells callers how long the server worked);
    /// the benchmark turns it on to split client-side latency from server time.
    /// </summary>
    public bool ServerTiming { get; init; }

    /// <summary>
    /// Compute the dashboard's slow figures ahead of time (Dashboard/FigureWarmer.cs): on for `serve`
    /// (SKILLSLEDGER_WARM_FIGURES=0 turns it off), off in the test hosts, where it would only add background work.
    /// </summary>
    public bool WarmFigures { get; init; }

    /// <summary>
    /// A figure whose computation took this long is answered from its last computation while the ledger moves on
    /// (Infrastructure/FigureCache.cs): <see cref="FigureCache.ServedSlowFigure"/> for `serve`, the longer
    /// <see cref="FigureCache.SlowFigure"/> in the test hosts.
    /// </summary>
    public TimeSpan SlowFigure { get; init; } = FigureCache.SlowFigure;

    /// <summary>
    /// How long a dashboard page waits for figures still being computed before it answers "being computed"
    /// (Dashboard/FiguresBeingComputedPage.cs): 1.5 s for `serve`; null
    /// (as long as it takes) in the test hosts, whose figures take milliseconds.
    /// </summary>
    public TimeSpan? PageFigureWait { get; init; }

    /// <summary>Origins a browser may call /xapi from (CORS): "*" for any (default), none when empty (Xapi/XapiCors.cs).</summary>
    public IReadOnlyList<string> XapiCorsOrigins { get; init; } = ["*"];
}
