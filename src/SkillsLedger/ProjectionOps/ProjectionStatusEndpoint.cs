using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Authorization;
using SkillsLedger.Access;
using Marten;
using SkillsLedger.Infrastructure;
using Wolverine.Http;
using Wolverine.Runtime;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.ProjectionOps;

/// <summary>One projection. Node: the Wolverine node number running it (null: no live node holds it right now, e.g. just after a crash).</summary>
public sealed record ProjectionStatus(string Name, string Lifecycle, long Position, long HighWaterMark, long Lag, DateTimeOffset? LastUpdated,
    int? Node = null);

/// <summary>
/// ThisNode: the process that answered, so an operator can tell the nodes of a cluster apart. LeaderNode: the node
/// assigning projections (distributed), or the node running them (hotcold: this node, 1, when it holds the daemon's
/// lock; null when another process does).
/// </summary>
public sealed record ProjectionsStatusView(long LastSequence, IReadOnlyList<ProjectionStatus> Projections, NodeIdentity? ThisNode = null, int? LeaderNode = null);

/// <summary>GET /api/projections/status — each projection's position and its lag behind the event log.</summary>
public static class ProjectionStatusEndpoint
{
    [Authorize(Policy = LedgerPolicies.ReadFigures)]
    [EndpointSummary("Each projection's position and its lag behind the event log")]
    [ProducesResponseType<ProjectionsStatusView>(StatusCodes.Status200OK, "application/json")]
    [WolverineGet("/api/projections/status")]
    public static async Task<IResult> Get(IDocumentStore store, LedgerDatabase db, IWolverineRuntime runtime,
        IOptions<LedgerServiceOptions> settings, LocalDaemon local, CancellationToken ct)
    {
        var options = settings.Value;
        var thisNode = NodeIdentity.Of(runtime, options);
        var (owners, leader) = await ProjectionNodes.OwnersAsync(runtime, options, local, thisNode.Number, ct);
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        var last = await LedgerProgress.NewestSequenceAsync(conn, ct);
        var progress = await store.Advanced.AllProjectionProgress(token: ct);
        var highWater = progress.FirstOrDefault(p => LedgerProgress.IsHighWaterMark(p.ShardName))?.Sequence ?? 0;
        var rows = progress
            .Where(p => LedgerProgress.IsProjectionShard(p.ShardName))
            .Select(p => new ProjectionStatus(p.ShardName, "async", p.Sequence, highWater, Math.Max(0, last - p.Sequence), p.LastUpdated,
                options.DaemonMode == ProjectionDaemonMode.Solo ? leader : owners.TryGetValue(p.ShardName, out var n) ? n : null))
            .ToList();
        // Inline projections are written in the append transaction: never behind.
        foreach (var name in new[] { "SkillCatalogue", "RoleProfile" })
            rows.Add(new ProjectionStatus(name, "inline", last, highWater, 0, null));
        return Results.Json(new ProjectionsStatusView(last, rows, thisNode, leader), LedgerJson.Views);
    }
}
