using SkillsLedger.Infrastructure;
using Wolverine.Runtime;

namespace SkillsLedger.ProjectionOps;

/// <summary>Which `serve` process answered: Wolverine's node number, its id, the OS process id and the daemon mode.</summary>
public sealed record NodeIdentity(int Number, Guid Id, int ProcessId, string DaemonMode)
{
    public static NodeIdentity Of(IServiceProvider services) =>
        Of(services.GetRequiredService<IWolverineRuntime>(), services.GetRequiredService<LedgerServiceOptions>());

    public static NodeIdentity Of(IWolverineRuntime runtime, LedgerServiceOptions options) =>
        new NodeIdentity(runtime.Options.Durability.AssignedNodeNumber, runtime.Options.UniqueNodeId, Environment.ProcessId,
            options.DaemonMode.ToString().ToLowerInvariant());
}

/// <summary>Which node runs each async projection, as Wolverine's leader assigned it (read from its node table).</summary>
public static class ProjectionNodes
{
    /// <summary>
    /// Shard name ("analytics:All") → node number, and the leader's node number. Solo: this node runs them all, so the
    /// map is empty (callers name this node) and there is no leader.
    /// </summary>
    public static async Task<(IReadOnlyDictionary<string, int> Owners, int? Leader)> OwnersAsync(IWolverineRuntime runtime, LedgerServiceOptions options,
        CancellationToken ct)
    {
        var owners = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (options.DaemonMode != ProjectionDaemonMode.Distributed) return (owners, null);
        var nodes = await runtime.Storage.Nodes.LoadAllNodesAsync(ct);
        foreach (var node in nodes)
        foreach (var agent in node.ActiveAgents.Where(a => a.Scheme == "event-subscriptions"))
            // event-subscriptions://marten/main/{database}/{projection}/{key}, and the shard is "{projection}:{key}".
            if (agent.Segments.Length >= 2)
                owners[agent.Segments[^2].TrimEnd('/') + ":" + agent.Segments[^1].TrimEnd('/')] = node.AssignedNodeNumber;
        return (owners, nodes.FirstOrDefault(n => n.IsLeader())?.AssignedNodeNumber);
    }
}
