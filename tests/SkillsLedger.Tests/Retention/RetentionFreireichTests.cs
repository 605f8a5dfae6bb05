using Marten.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Retention;

/// <summary>
/// The classic Freireich et al. (1963) 6-MP/placebo remission data (Gehan 1965), replayed as employment: the 21
/// "6-MP" people complete a course on their hire day (learners, landmark 0), the 21 "placebo" people complete none.
/// Remission weeks become days until leaving; censored times are people still employed at asOf. The API must then
/// reproduce the published analysis (Kleinbaum &amp; Klein, Survival Analysis, ch. 2–3; Collett, Modelling
/// Survival Data): KM 6-MP S(6) = 0.8571, S(13) = 0.6902, S(23) = 0.4482 (Greenwood SE 0.1346); log-rank χ² = 16.79
/// on 1 df, p = 4.17e-5; Cox (Efron) HR placebo vs 6-MP = 4.817 (2.147, 10.81), p = 0.000138, so learners vs none =
/// 1/4.817 = 0.2076 (0.0925, 0.4658).
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class RetentionFreireichTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("retention-freireich");

    private static readonly DateTimeOffset AsOf = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly (double Days, bool Left)[] SixMp =
    [
        (6, true), (6, true), (6, true), (6, false), (7, true), (9, false), (10, true), (10, false), (11, false), (13, true), (16, true),
        (17, false), (19, false), (20, false), (22, true), (23, true), (25, false), (32, false), (32, false), (34, false), (35, false),
    ];

    private static readonly double[] Placebo = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];

    public async Task InitializeAsync()
    {
        var events = new List<object>();
        void Person(string id, double days, bool left, bool learner)
        {
            // A censored person is still employed at asOf; one who left did so `days` after hire, before asOf.
            var hired = left ? AsOf.AddDays(-100 - days) : AsOf.AddDays(-days);
            events.Add(new { type = "person_hired", eventId = $"fr-h-{id}", personId = id, department = id.StartsWith("M") ? "North" : "South", role = "fr", occurredAt = hired.ToString("O") });
            if (learner)
                events.Add(new { type = "course_completed", eventId = $"fr-c-{id}", personId = id, courseId = "fr-course", programId = "fr-prog", hours = 1, occurredAt = hired.ToString("O") });
            if (left)
                events.Add(new { type = "person_left", eventId = $"fr-l-{id}", personId = id, reason = "voluntary", occurredAt = hired.AddDays(days).ToString("O") });
        }
        for (var i = 0; i < SixMp.Length; i++) Person($"M{i:00}", SixMp[i].Days, SixMp[i].Left, learner: true);
        for (var i = 0; i < Placebo.Length; i++) Person($"P{i:00}", Placebo[i], true, learner: false);
        var response = await app.PostEventsAsync(events.ToArray());
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_api_reproduces_the_published_kaplan_meier_log_rank_and_cox_results()
    {
        var r = await app.GetJsonAsync("/api/analytics/retention?landmarkDays=0&horizonMonths=1&asOf=2026-01-01T00:00:00Z");
        Assert.Equal(42, r.GetProperty("followed").GetInt32());
        var groups = r.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        Assert.Equal(21, groups["learner"].GetProperty("n").GetInt32());
        Assert.Equal(9, groups["learner"].GetProperty("departures").GetInt32());
        Assert.Equal(21, groups["none"].GetProperty("departures").GetInt32());

        var curve = groups["learner"].GetProperty("curve").EnumerateArray()
            .ToDictionary(p => p.GetProperty("day").GetDouble(), p => p);
        Assert.Equal(0.8571, curve[6].GetProperty("survival").GetDouble(), 4);
        Assert.Equal(0.6902, curve[13].GetProperty("survival").GetDouble(), 4);
        Assert.Equal(0.4482, curve[23].GetProperty("survival").GetDouble(), 4);
        Assert.Equal(21, curve[6].GetProperty("atRisk").GetInt32());
        Assert.Equal(3, curve[6].GetProperty("events").GetInt32());
        // Horizon 1 month = 30.4375 days: the 6-MP curve's last step before it is S(23) = 0.4482.
        Assert.Equal(0.4482, groups["learner"].GetProperty("survivalAtHorizon").GetDouble(), 4);

        var logRank = r.GetProperty("logRank");
        Assert.Equal(16.79, logRank.GetProperty("chi2").GetDouble(), 2);
        Assert.Equal(1, logRank.GetProperty("df").GetInt32());
        Assert.Equal(4.17e-5, logRank.GetProperty("p").GetDouble(), 6);

        var hr = r.GetProperty("hazardRatio");
        Assert.Equal(1 / 4.817, hr.GetProperty("estimate").GetDouble(), 3);
        Assert.Equal(1 / 10.81, hr.GetProperty("ciLow").GetDouble(), 3);
        Assert.Equal(1 / 2.147, hr.GetProperty("ciHigh").GetDouble(), 3);
        Assert.Equal(0.000138, hr.GetProperty("p").GetDouble(), 5);
    }

    [Fact]
    public async Task The_landmark_excludes_people_not_yet_there_and_small_groups_are_suppressed()
    {
        // Landmark 10 days: people who left within 10 days are excluded (immortal-time bias guard).
        var r = await app.GetJsonAsync("/api/analytics/retention?landmarkDays=10&asOf=2026-01-01T00:00:00Z");
        Assert.True(r.GetProperty("leftBeforeLandmark").GetInt32() > 0);
        Assert.True(r.GetProperty("notYetAtLandmark").GetInt32() > 0);
        var s = await app.GetJsonAsync("/api/analytics/retention?landmarkDays=0&minGroupSize=22&asOf=2026-01-01T00:00:00Z");
        Assert.All(s.GetProperty("groups").EnumerateArray(), g => Assert.True(g.GetProperty("suppressed").GetBoolean()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("logRank").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, s.GetProperty("hazardRatio").GetProperty("estimate").ValueKind);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/analytics/retention?by=star-sign")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/analytics/retention?landmarkDays=-3")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await app.Client.GetAsync("/api/analytics/retention?adjust=age")).StatusCode);
    }
}
