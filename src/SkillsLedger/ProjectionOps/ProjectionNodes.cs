using Microsoft.Extensions.Options;
using SkillsLedger.Infrastructure;
using Wolverine.Runtime;

namespace SkillsLedger.ProjectionOps;

/// <summary>
/// Which `serve` process answered: its node number, Wolverine's id for it, the OS process id and the daemon mode
/// ("hotcold" for `--daemon solo`, Marten's mode that really runs; "distributed").
/// </summary>
public sealed record NodeIdentity(int Number, Guid Id, int ProcessId, string DaemonMode)
{
    /// <summary>
    /// A solo node's number. Wolverine numbers nodes only when it keeps a node table (distributed); otherwise its
    /// "assigned node number" is a hash of the node id (e.g. -239441784), which means nothing to an operator. A solo
    /// ledger has one node that runs the projections (a second HotCold process only waits): it is node 1.
    /// </summary>
    public const int SoloNumber = 1;

    public static NodeIdentity Of(IServiceProvider services) =>
        Of(services.GetRequiredService<IWolverineRuntime>(), services.GetRequiredService<IOptions<LedgerServiceOptions>>().Value);

    public static NodeIdentity Of(IWolverineRuntime runtime, LedgerServiceOptions options) =>
        options.DaemonMode == ProjectionDaemonMode.Distributed
            ? new NodeIdentity(runtime.Options.Durability.AssignedNodeNumber, runtime.Options.UniqueNodeId, Environment.ProcessId, "distributed")
            : new NodeIdentity(SoloNumber, runtime.Options.UniqueNodeId, Environment.ProcessId, "hotcold");
}

/// <summary>Whether this process's Marten daemon runs projections now (HotCold: only the process holding the lock does).</summary>
public sealed class LocalDaemon(IServiceProvider services)
{
    // Resolved on use: the coordinator exists in solo (HotCold) mode only; in distributed mode Wolverine's agents run them.
    public bool RunsProjections() =>
        services.GetService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()?.DaemonForMainDatabase().CurrentAgents().Any() ?? false;
}

/// <summary>Which node runs each async projection, as Wolverine's leader assigned it (read from its node table).</summary>
public static class ProjectionNodes
{
    /// <summary>
    /// Shard name ("analytics:All") → node number, and the leader's node number. Solo (HotCold): the node holding the
    /// daemon's lock runs them all and is the leader; a waiting process names nobody (the map is empty, callers use
    /// <paramref name="soloNode"/> when it runs them).
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, int> Owners, int? Leader)> OwnersAsync(IWolverineRuntime runtime, LedgerServiceOptions options,
        LocalDaemon local, int soloNode, CancellationToken ct)
    {
        var owners = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (options.DaemonMode != ProjectionDaemonMode.Distributed) return (owners, local.RunsProjections() ? soloNode : null);
        var nodes = await runtime.Storage.Nodes.LoadAllNodesAsync(ct);
        foreach (var node in nodes)
        foreach (var agent in node.ActiveAgents.Where(a => a.Scheme == "event-subscriptions"))
            // event-subscriptions://marten/main/{database}/{projection}/{key}, and the shard is "{projection}:{key}".
            if (agent.Segments.Length >= 2)
                owners[agent.Segments[^2].TrimEnd('/') + ":" + agent.Segments[^1].TrimEnd('/')] = node.AssignedNodeNumber;
        return (owners, nodes.FirstOrDefault(n => n.IsLeader())?.AssignedNodeNumber);
    }
}
