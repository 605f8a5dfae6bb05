using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Roi;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Roi;

/// <summary>
/// The service keeps an organisation's ROI data loaded between requests (RoiDataCache). It must never answer from
/// data the analytics projection has moved past: after new events are projected, the figures include them.
/// Programme "cp": C1–C5 complete a course; N1–N5 do not; everyone an agent with monthly tickets figures.
/// </summary>
// Own host (IClassFixture, not a SharedLedger collection): reads the analytics projection's global position and the cache of the default organisation.
public sealed class RoiDataCacheTests(LedgerApp app) : IClassFixture<LedgerApp>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        var events = new List<object>
        {
            new { type = "roi_assumption_set", eventId = "cp-a1", name = "loaded_hourly_cost", value = 50, unit = "EUR/hour", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "roi_assumption_set", eventId = "cp-a2", name = "replacement_cost_months", value = 6, unit = "months", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "roi_assumption_set", eventId = "cp-a3", name = "value_per_unit:tickets", value = 10, unit = "EUR/ticket", occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "program_cost", eventId = "cp-cost", programId = "cp", amount = 1000, currency = "EUR", category = "licences", occurredAt = "2024-12-01T00:00:00Z" },
        };
        foreach (var p in new[] { "C1", "C2", "C3", "C4", "C5", "N1", "N2", "N3", "N4", "N5", "N6" })
        {
            events.Add(new { type = "person_hired", eventId = $"cp-h-{p}", personId = p, department = "Support", role = "agent", monthlySalary = 3000, occurredAt = "2024-10-10T00:00:00Z" });
            if (p.StartsWith('C'))
                events.Add(new { type = "course_completed", eventId = $"cp-c-{p}", personId = p, courseId = "cp-1", programId = "cp", hours = 4, occurredAt = "2025-01-01T00:00:00Z" });
            foreach (var (at, v) in new[] { ("2024-11-30", 100), ("2024-12-31", 100), ("2025-01-31", p.StartsWith('C') ? 110 : 100), ("2025-02-28", 104) })
                events.Add(new { type = "performance_signal", eventId = $"cp-s-{p}-{at}", personId = p, metric = "tickets", value = v, unit = "tickets/month", occurredAt = at + "T00:00:00Z" });
        }
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task New_events_show_in_the_next_roi_and_report_once_projected()
    {
        const string roi = "/api/analytics/roi/cp?asOf=2026-06-30&minGroupSize=1";
        var first = await app.Client.GetStringAsync(roi);
        Assert.Equal(first, await app.Client.GetStringAsync(roi)); // from the cache: the same answer
        Assert.Equal(5, Learners(first));

        // N6 takes the programme and one comparison person's figure changes.
        var response = await app.PostEventsAsync(
            new { type = "course_completed", eventId = "cp-c-N6", personId = "N6", courseId = "cp-1", programId = "cp", hours = 4, occurredAt = "2025-01-01T00:00:00Z" },
            new { type = "performance_signal", eventId = "cp-s-N1-late", personId = "N1", metric = "tickets", value = 90, unit = "tickets/month", occurredAt = "2025-02-15T00:00:00Z" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        var after = await app.Client.GetStringAsync(roi);
        Assert.Equal(6, Learners(after));
        Assert.NotEqual(Did(first), Did(after));
        var report = await app.Client.GetStringAsync("/api/reports/roi?asOf=2026-06-30");
        Assert.Contains("cp 6", report); // the report's charts caption: learners per programme
    }

    [Fact]
    public async Task Assessments_and_catalogue_definitions_move_the_projection_but_keep_the_loaded_data_and_a_signal_does_not()
    {
        var cache = app.Services.GetRequiredService<RoiDataCache>();
        var org = LedgerStoreConfiguration.DefaultOrganisation;
        var loaded = await cache.GetAsync(org, CancellationToken.None);
        Assert.Same(loaded, await cache.GetAsync(org, CancellationToken.None));
        var before = await PositionAsync();

        // Events whose projection writes no table ROI reads: a skill, an assessment, its retraction, a role profile.
        var id = Guid.NewGuid().ToString("N")[..8];
        var response = await app.PostEventsAsync(
            new { type = "skill_defined", eventId = $"cp-sk-{id}", skill = $"triage-{id}", name = "Triage", scaleMin = 1, scaleMax = 5, occurredAt = "2024-01-01T00:00:00Z" },
            new { type = "skill_assessed", eventId = $"cp-as-{id}", personId = "C1", skill = $"triage-{id}", level = 3, method = "manager", occurredAt = "2025-03-01T00:00:00Z" },
            new { type = "assessment_retracted", eventId = $"cp-re-{id}", personId = "C1", retractsEventId = $"cp-as-{id}", reason = "entered twice", occurredAt = "2025-03-02T00:00:00Z" },
            new { type = "role_profile_defined", eventId = $"cp-ro-{id}", role = $"agent-{id}", requirements = new[] { new { skill = $"triage-{id}", level = 3 } }, occurredAt = "2024-01-01T00:00:00Z" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        Assert.True(await PositionAsync() >= before + 4, "the projection did not move");
        Assert.Same(loaded, await cache.GetAsync(org, CancellationToken.None));

        // A performance signal is read by ROI: loaded afresh, with it.
        response = await app.PostEventsAsync(
            new { type = "performance_signal", eventId = $"cp-s-{id}", personId = "N2", metric = "tickets", value = 95, unit = "tickets/month", occurredAt = "2025-02-20T00:00:00Z" });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var reloaded = await cache.GetAsync(org, CancellationToken.None);
        Assert.NotSame(loaded, reloaded);
        Assert.Equal(loaded.Signals.Count + 1, reloaded.Signals.Count);
    }

    private async Task<long> PositionAsync()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select last_seq_id from ledger.mt_event_progression where name = 'analytics:All'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static int Learners(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("programmes")[0].GetProperty("learners").GetInt32();

    private static double Did(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("programmes")[0].GetProperty("performance")[0].GetProperty("did").GetProperty("did").GetDouble();
}
