using System.Net.Http.Headers;
using System.Text.Json;

namespace SkillsLedger.Bench.Cluster;

/// <summary>What one node's GET /api/projections/status says: who it is and where the analytics projection stands.</summary>
public sealed record NodeStatus(Uri Url, int NodeNumber, int ProcessId, long LastSequence, long AnalyticsPosition, long AnalyticsLag, int? AnalyticsNode,
    int? LeaderNode)
{
    public static async Task<NodeStatus?> TryReadAsync(HttpClient http, Uri node, string apiKey, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node, "/api/projections/status"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            using var response = await http.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode) return null;
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token));
            var root = doc.RootElement;
            var self = root.GetProperty("thisNode");
            long position = 0, lag = root.GetProperty("lastSequence").GetInt64();
            int? owner = null;
            foreach (var p in root.GetProperty("projections").EnumerateArray())
                if (p.GetProperty("name").GetString()!.StartsWith("analytics", StringComparison.OrdinalIgnoreCase))
                {
                    position = p.GetProperty("position").GetInt64();
                    lag = p.GetProperty("lag").GetInt64();
                    owner = p.GetProperty("node").ValueKind == JsonValueKind.Number ? p.GetProperty("node").GetInt32() : null;
                }
            return new NodeStatus(node, self.GetProperty("number").GetInt32(), self.GetProperty("processId").GetInt32(),
                root.GetProperty("lastSequence").GetInt64(), position, lag, owner,
                root.TryGetProperty("leaderNode", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return null; // a dead or busy node: the caller asks another
        }
    }

    /// <summary>Every node that answers, in the order given.</summary>
    public static async Task<List<NodeStatus>> ReadAllAsync(HttpClient http, IEnumerable<Uri> nodes, string apiKey, CancellationToken ct)
    {
        var all = await Task.WhenAll(nodes.Select(n => TryReadAsync(http, n, apiKey, ct)));
        return all.OfType<NodeStatus>().ToList();
    }
}
