using System.Net;
using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Roi;

/// <summary>
/// A programme "rp" worked by hand. Everyone is an "agent" hired 2024-10-10 (landmark 90 days → 2025-01-08) at
/// 3,000 EUR/month. L1–L5 complete rp-101 (10 h) on 2025-01-01; N1–N5 complete nothing.
/// Performance (tickets_resolved, monthly totals at 31 Oct, 30 Nov, 31 Dec and 31 Jan, 28 Feb, 31 Mar):
///   L1 100 → 120 (Δ 20), L2 90 → 108 (Δ 18), L3 110 → 132 (Δ 22); N1 100 → 105 (Δ 5), N2 100 → 95 (Δ −5): comparison mean 0.
///   DiD = mean(20, 18, 22) = 20, sd 2, se 1.1547, t₀.₉₇₅,₂ = 4.3027 → (15.0317245765, 24.9682754235).
///   Benefit = 20 × 12 × 12 EUR × 3 learners = 8,640; conservative 15.0317245765 × 12 × 12 × 3 = 6,493.7050170477.
/// Retention (horizon 12 months = 365.25 days after the landmark): no learner leaves, S = 1; N5 leaves at landmark +100 d,
///   N4 at +200 d: S_none = 4/5 · 3/4 = 0.6, Greenwood var = 0.36 · (1/20 + 1/12) = 0.048.
///   Avoided = 0.4 (95 %: 0.4 ± 1.96·√0.048 → low −0.0294 → 0); benefit = 0.4 × 5 × 6 months × 3,000 = 36,000.
/// Costs = 5,000 (program_cost) + 50 h × 65 EUR = 8,250.
///   Expected: B = 44,640 → ROI 441.0909 %, BCR 5.4109091, payback 2.2177419 months.
///   Conservative: B = 6,493.7050 → ROI −21.2884240 %, BCR 0.7871158, payback 15.2455339 months.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class RoiTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("roi");

    public async Task InitializeAsync()
    {
        var events = new List<object>
        {
            new { type = "roi_assumption_set", eventId = "rp-a1", name = "loaded_hourly_cost", value = 65, unit = "EUR/hour", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "roi_assumption_set", eventId = "rp-a2", name = "replacement_cost_months", value = 6, unit = "months", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "roi_assumption_set", eventId = "rp-a3", name = "value_per_unit:tickets_resolved", value = 12, unit = "EUR/ticket", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "program_cost", eventId = "rp-cost", programId = "rp", amount = 5000, currency = "EUR", category = "facilitation", occurredAt = "2024-12-01T00:00:00Z" },
        };
        var landmark = new DateTimeOffset(2025, 1, 8, 0, 0, 0, TimeSpan.Zero);
        foreach (var p in new[] { "L1", "L2", "L3", "L4", "L5", "N1", "N2", "N3", "N4", "N5" })
        {
            events.Add(new { type = "person_hired", eventId = $"rp-h-{p}", personId = p, department = "Support", role = "agent", monthlySalary = 3000, occurredAt = "2024-10-10T00:00:00Z" });
            if (p.StartsWith('L'))
                events.Add(new { type = "course_completed", eventId = $"rp-c-{p}", personId = p, courseId = "rp-101", programId = "rp", hours = 10, occurredAt = "2025-01-01T00:00:00Z" });
        }
        void Signals(string p, decimal before, decimal after)
        {
            foreach (var (at, v) in new[] { ("2024-10-31", before), ("2024-11-30", before), ("2024-12-31", before), ("2025-01-31", after), ("2025-02-28", after), ("2025-03-31", after) })
                events.Add(new { type = "performance_signal", eventId = $"rp-s-{p}-{at}", personId = p, metric = "tickets_resolved", value = v, unit = "tickets/month", occurredAt = at + "T00:00:00Z" });
        }
        Signals("L1", 100, 120); Signals("L2", 90, 108); Signals("L3", 110, 132); Signals("N1", 100, 105); Signals("N2", 100, 95);
        events.Add(new { type = "person_left", eventId = "rp-l-N5", personId = "N5", reason = "voluntary", occurredAt = landmark.AddDays(100).ToString("O") });
        events.Add(new { type = "person_left", eventId = "rp-l-N4", personId = "N4", reason = "voluntary", occurredAt = landmark.AddDays(200).ToString("O") });
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_programmes_roi_matches_the_hand_computation_in_both_scenarios()
    {
        var body = await app.GetJsonAsync("/api/analytics/roi/rp?asOf=2026-06-30&minGroupSize=2");
        var rp = body.GetProperty("programmes")[0];
        Assert.Equal(5, rp.GetProperty("learners").GetInt32());

        var costs = rp.GetProperty("costs");
        Assert.Equal(8250, costs.GetProperty("total").GetDouble(), 6);
        Assert.Equal(50, costs.GetProperty("learningHours").GetDouble(), 9);
        Assert.Equal("EUR", costs.GetProperty("currency").GetString());

        var perf = rp.GetProperty("performance")[0];
        Assert.Equal("tickets_resolved", perf.GetProperty("metric").GetString());
        var did = perf.GetProperty("did");
        Assert.Equal(3, did.GetProperty("learners").GetInt32());
        Assert.Equal(2, did.GetProperty("comparisonPeople").GetInt32());
        Assert.Equal(20, did.GetProperty("did").GetDouble(), 9);
        Assert.Equal("tickets_resolved per learner per month", did.GetProperty("unit").GetString());
        Assert.Equal(15.0317245765, did.GetProperty("ciLow").GetDouble(), 6);
        Assert.Equal(24.9682754235, did.GetProperty("ciHigh").GetDouble(), 6);
        Assert.Equal(8640, perf.GetProperty("expected").GetDouble(), 6);
        Assert.Equal(6493.7050170477, perf.GetProperty("conservative").GetDouble(), 3);
        Assert.Equal("rp-a3", perf.GetProperty("valueEventId").GetString());

        var ret = rp.GetProperty("retention");
        Assert.Equal(1.0, ret.GetProperty("survivalLearners").GetDouble(), 12);
        Assert.Equal(0.6, ret.GetProperty("survivalNone").GetDouble(), 12);
        Assert.Equal(36000, ret.GetProperty("expected").GetDouble(), 6);
        Assert.Equal(0, ret.GetProperty("conservative").GetDouble(), 12);

        var expected = rp.GetProperty("expected");
        Assert.Equal(44640, expected.GetProperty("benefits").GetDouble(), 6);
        Assert.Equal(441.0909090909, expected.GetProperty("roiPercent").GetDouble(), 6);
        Assert.Equal(5.4109090909, expected.GetProperty("benefitCostRatio").GetDouble(), 8);
        Assert.Equal(2.2177419355, expected.GetProperty("paybackMonths").GetDouble(), 8);
        var conservative = rp.GetProperty("conservative");
        Assert.Equal(-21.2884240358, conservative.GetProperty("roiPercent").GetDouble(), 5);
        Assert.Equal(0.7871157596, conservative.GetProperty("benefitCostRatio").GetDouble(), 7);
        Assert.Equal(15.2455339040, conservative.GetProperty("paybackMonths").GetDouble(), 5);

        var used = rp.GetProperty("assumptionsUsed").EnumerateArray().ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("eventId").GetString());
        Assert.Equal("rp-a1", used["loaded_hourly_cost"]);
        Assert.Equal("rp-a2", used["replacement_cost_months"]);
        Assert.Contains("not a randomised trial", rp.GetProperty("design").GetString());
    }

    [Fact]
    public async Task All_programmes_are_listed_and_an_unknown_one_is_404()
    {
        var all = await app.GetJsonAsync("/api/analytics/roi?asOf=2026-06-30");
        Assert.Contains(all.GetProperty("programmes").EnumerateArray(), p => p.GetProperty("programId").GetString() == "rp");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client.GetAsync("/api/analytics/roi/no-such-programme")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/analytics/roi/rp?asOf=tomorrow-ish")).StatusCode);
    }

    [Fact]
    public async Task With_the_default_minimum_of_five_the_small_performance_groups_are_suppressed()
    {
        var rp = (await app.GetJsonAsync("/api/analytics/roi/rp?asOf=2026-06-30")).GetProperty("programmes")[0];
        var perf = rp.GetProperty("performance")[0];
        Assert.True(perf.GetProperty("suppressed").GetBoolean());
        Assert.Equal(3, perf.GetProperty("learners").GetInt32());
        Assert.Equal(2, perf.GetProperty("comparisonPeople").GetInt32());
        Assert.Equal(0, perf.GetProperty("expected").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, perf.GetProperty("did").ValueKind);
        Assert.Equal(36000, rp.GetProperty("expected").GetProperty("benefits").GetDouble(), 6); // retention only (5 vs 5)
    }
}
