using System.Diagnostics;
using System.Globalization;
using SkillsLedger.Hosting;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Bench;

/// <summary>
/// The `analytics` scenario: what an L&amp;D leader asks of the whole organisation — retention (by learner with the
/// department adjustment, and by programme), ROI of every programme, and the executive report — timed against the
/// imported ledger once its analytics tables are filled. Goal of the scaling issue: retention and ROI for every
/// programme in under 10 s and the report in under 15 s at 100,000 people.
/// </summary>
public static partial class BenchRunner
{
    private const int AnalyticsRuns = 3;

    private static async Task<IEnumerable<ScenarioResult>> AnalyticsAsync(BenchOptions o, string cs, Action<string> say, CancellationToken ct)
    {
        var asOf = o.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var requests = new (string Name, string Path)[]
        {
            ("retention by learner, department-adjusted", $"/api/analytics/retention?asOf={asOf}&by=learner&adjust=department"),
            ("retention by programme", $"/api/analytics/retention?asOf={asOf}&by=program"),
            ("ROI of every programme", $"/api/analytics/roi?asOf={asOf}"),
            ("ROI report (HTML with charts)", $"/api/reports/roi?asOf={asOf}"),
        };
        await using var app = LedgerHost.Build(cs, "http://127.0.0.1:0");
        await app.StartAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(10) };
            await AuthoriseAsync(app, http, ct);
            var medians = new Dictionary<string, (double Median, double First, long Bytes)>();
            foreach (var (name, path) in requests)
            {
                var runs = new List<double>();
                long bytes = 0;
                for (var i = 0; i < AnalyticsRuns; i++)
                {
                    var clock = Stopwatch.StartNew();
                    using var response = await http.GetAsync(path, ct);
                    var body = await response.Content.ReadAsByteArrayAsync(ct);
                    runs.Add(clock.Elapsed.TotalSeconds);
                    if (!response.IsSuccessStatusCode)
                        throw new InvalidOperationException($"GET {path} → {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
                    bytes = body.Length;
                }
                var median = runs.Order().ElementAt(runs.Count / 2);
                medians[name] = (median, runs[0], bytes);
                say($"analytics: {name}: median {median:N2} s (first {runs[0]:N2} s, {bytes / 1024.0:N0} KiB)");
            }
            var people = await CountPeopleAsync(cs, ct);
            var retentionAndRoi = requests.Take(3).Sum(r => medians[r.Name].Median);
            var report = medians[requests[3].Name].Median;
            Dictionary<string, object> Details(IEnumerable<(string Name, string Path)> parts) => new()
            {
                ["people"] = people,
                ["requests"] = parts.ToDictionary(p => p.Name, p => (object)new Dictionary<string, object>
                {
                    ["path"] = p.Path, ["medianSeconds"] = Math.Round(medians[p.Name].Median, 3),
                    ["firstSeconds"] = Math.Round(medians[p.Name].First, 3), ["bytes"] = medians[p.Name].Bytes,
                }),
                ["runs"] = AnalyticsRuns,
            };
            var a = new ScenarioResult("analytics retention + ROI", retentionAndRoi, "seconds (sum of medians)", 3, retentionAndRoi, null, null, Details(requests.Take(3)));
            var b = new ScenarioResult("analytics report", report, "seconds (median)", 1, report, null, null, Details(requests.Skip(3)));
            say($"analytics: retention + ROI {retentionAndRoi:N2} s, report {report:N2} s for {people:N0} people");
            return [a, b];
        }
        finally { await app.StopAsync(CancellationToken.None); }
    }

    private static async Task<long> CountPeopleAsync(string cs, CancellationToken ct)
    {
        await using var conn = new Npgsql.NpgsqlConnection(cs);
        await conn.OpenAsync(ct);
        await using var cmd = new Npgsql.NpgsqlCommand("select count(*) from analytics.person", conn);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
