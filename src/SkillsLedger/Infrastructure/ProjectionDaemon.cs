using JasperFx.Core;
using JasperFx.Events.Daemon;
using Marten;
using Wolverine;
using Wolverine.Marten;

namespace SkillsLedger.Infrastructure;

/// <summary>How this process takes part in running the async projections (the analytics tables).</summary>
public enum ProjectionDaemonMode
{
    /// <summary>
    /// One node runs every async projection (the default, `--daemon solo`): Marten's HotCold daemon, so a second node on the
    /// same database waits on the projections' advisory lock and takes over when the first stops, instead of running them twice.
    /// </summary>
    Solo,

    /// <summary>
    /// One of several `serve` nodes on the same database: Wolverine elects a leader that assigns each projection to
    /// one live node and moves it to another when that node stops or stops sending heartbeats.
    /// </summary>
    Distributed,
}

/// <summary>Wires the chosen daemon mode into Marten and Wolverine. No distribution logic of our own.</summary>
public static class ProjectionDaemon
{
    /// <summary>Wolverine's node, leader and envelope tables: kept out of `ledger`, they are runtime state, not ledger data.</summary>
    public const string NodeSchema = "ledger_nodes";

    public static ProjectionDaemonMode Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "solo" => ProjectionDaemonMode.Solo,
        "distributed" => ProjectionDaemonMode.Distributed,
        _ => throw new ArgumentException($"daemon mode must be 'solo' or 'distributed' (got '{text}')"),
    };

    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddLedgerDaemon(
        this MartenServiceCollectionExtensions.MartenConfigurationExpression marten, LedgerServiceOptions options) =>
        options.DaemonMode switch
        {
            // Marten's HotCold: the node that holds the projections' advisory lock runs them, any other node on the same
            // database waits and takes over when that lock is released (a second `serve` started by mistake cannot run
            // the projections twice). It needs Patched.DistributedLock.Postgres, which the registry serves since 2026-12.
            ProjectionDaemonMode.Solo => marten.AddAsyncDaemon(DaemonMode.HotCold),
            // Wolverine's agents replace Marten's own daemon: combining the two is refused at start (they would compete).
            _ => marten.IntegrateWithWolverine(m =>
            {
                m.UseWolverineManagedEventSubscriptionDistribution = true;
                m.MessageStorageSchemaName = NodeSchema;
            }),
        };

    /// <summary>
    /// Heartbeat timings. Wolverine's defaults (10 s heartbeat, a node stale after 60 s) would leave a crashed node's
    /// projections idle for over a minute; ours move them after about 4 heartbeats without a sign of life.
    /// </summary>
    public static void ConfigureNodes(WolverineOptions opts, LedgerServiceOptions options)
    {
        if (options.DaemonMode != ProjectionDaemonMode.Distributed) return;
        var beat = options.NodeHeartbeat;
        opts.Durability.HealthCheckPollingTime = beat;
        opts.Durability.FirstHealthCheckExecution = 1.Seconds();
        opts.Durability.StaleNodeTimeout = beat * 4;
        opts.Durability.CheckAssignmentPeriod = beat * 2;
    }
}
