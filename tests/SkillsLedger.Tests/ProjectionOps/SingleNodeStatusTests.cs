using System.Text.Json;
using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.ProjectionOps;

/// <summary>
/// On a single node (the default `--daemon solo`, Marten's HotCold) the status names what an operator can act on:
/// node 1, mode hotcold, this node running the projections and leading — not Wolverine's hash of its node id and
/// a null leader.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class SingleNodeStatusTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("single-node-status");

    [Fact]
    public async Task A_single_node_is_node_1_in_hotcold_mode_and_leads_the_projections()
    {
        var posted = await app.PostEventsAsync(Events.SkillDefined("sn-sql"), Events.Hired("SN1"), Events.Assessed("SN1", "sn-sql", 3));
        Assert.True(posted.IsSuccessStatusCode, await posted.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var status = await app.GetJsonAsync("/api/projections/status");
        var node = status.GetProperty("thisNode");
        Assert.Equal(1, node.GetProperty("number").GetInt32());
        Assert.Equal("hotcold", node.GetProperty("daemonMode").GetString());
        Assert.Equal(Environment.ProcessId, node.GetProperty("processId").GetInt32());
        Assert.Equal(1, status.GetProperty("leaderNode").GetInt32());
        var analytics = status.GetProperty("projections").EnumerateArray().Single(p => p.GetProperty("lifecycle").GetString() == "async");
        Assert.Equal(1, analytics.GetProperty("node").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("projections").EnumerateArray()
            .First(p => p.GetProperty("lifecycle").GetString() == "inline").GetProperty("node").ValueKind);
    }
}
