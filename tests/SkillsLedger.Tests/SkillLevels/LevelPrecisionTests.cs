using System.Text.Json;
using Marten.Events;
using Npgsql;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.SkillLevels;

/// <summary>
/// Floating-point noise is no gap, and every level goes out with its scale and a rounded level for people.
/// Role gp-analyst targets gp-sql (scale 1–8) at 3.
///   P1: manager 3 and self 3 on the same day. Weights 0.7 and 0.3 (age 0), so in IEEE doubles
///       0.7·3 = 2.0999999999999996, 0.3·3 = 0.8999999999999999, sum 2.9999999999999996, Σw = 0.7 + 0.3 = 1.0:
///       level 2.9999999999999996, not 3. Gap before rounding: 4.44e-16; at 9 decimals: 0 → at target.
///   P2: manager 2 and test 3 on the same day: (0.7·2 + 0.9·3) / (0.7 + 0.9) = 4.1 / 1.6 = 2.5625 (2.5624999999999996
///       in doubles), shown "2.56"; gap 3 − 2.5625 = 0.4375 → below target.
/// So belowTarget is 1 (P2 only) and the mean gap (0 + 0.4375) / 2 = 0.21875, in the API and in BI's `gap > 0` alike.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class LevelPrecisionTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("level-precision");

    public async Task InitializeAsync()
    {
        var r = await app.PostJsonAsync("/api/events", """
            {"events":[
             {"type":"skill_defined","eventId":"gp-sql","skill":"gp-sql","name":"SQL","scaleMin":1,"scaleMax":8,"occurredAt":"2023-01-01T00:00:00Z"},
             {"type":"role_profile_defined","eventId":"gp-role","role":"gp-analyst","requirements":[{"skill":"gp-sql","level":3}],"occurredAt":"2023-01-01T00:00:00Z"},
             {"type":"person_hired","eventId":"gp-h1","personId":"P1","department":"Data","role":"gp-analyst","team":"gp-team","occurredAt":"2023-06-01T00:00:00Z"},
             {"type":"person_hired","eventId":"gp-h2","personId":"P2","department":"Data","role":"gp-analyst","team":"gp-team","occurredAt":"2023-06-01T00:00:00Z"},
             {"type":"skill_assessed","eventId":"gp-a1","personId":"P1","skill":"gp-sql","level":3,"method":"manager","occurredAt":"2024-01-01T00:00:00Z"},
             {"type":"skill_assessed","eventId":"gp-a2","personId":"P1","skill":"gp-sql","level":3,"method":"self","occurredAt":"2024-01-01T00:00:00Z"},
             {"type":"skill_assessed","eventId":"gp-a3","personId":"P2","skill":"gp-sql","level":2,"method":"manager","occurredAt":"2024-01-01T00:00:00Z"},
             {"type":"skill_assessed","eventId":"gp-a4","personId":"P2","skill":"gp-sql","level":3,"method":"test","occurredAt":"2024-01-01T00:00:00Z"}
            ]}
            """);
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_level_equal_to_the_target_but_for_rounding_noise_is_no_gap_in_the_api_or_in_bi()
    {
        // The stored level stays exact: the noise is real, only the comparison ignores it.
        var level = (await app.GetJsonAsync("/api/people/P1/skills/gp-sql")).GetProperty("level").GetDouble();
        Assert.Equal(2.9999999999999996, level);
        Assert.NotEqual(3.0, level);

        var gaps = await app.GetJsonAsync("/api/teams/gp-team/gaps");
        var rows = gaps.GetProperty("gaps").EnumerateArray().ToDictionary(g => g.GetProperty("personId").GetString()!);
        Assert.Equal(2.9999999999999996, rows["P1"].GetProperty("level").GetDouble());
        Assert.Equal(0.0, rows["P1"].GetProperty("gap").GetDouble());
        Assert.Equal(0.4375, rows["P2"].GetProperty("gap").GetDouble());
        var summary = gaps.GetProperty("summary").EnumerateArray().Single();
        Assert.Equal(1, summary.GetProperty("belowTarget").GetInt32());
        Assert.Equal(0.21875, summary.GetProperty("meanGap").GetDouble());

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"select level from analytics.person_skill_level where org_id = '{app.Organisation}' and person_id = 'P1' and skill = 'gp-sql'", conn))
            Assert.Equal(2.9999999999999996, (double)(await cmd.ExecuteScalarAsync())!);
        await using (var cmd = new NpgsqlCommand(
            $"select count(*) filter (where gap > 0)::int, sum(gap) from analytics.team_skill_gap where org_id = '{app.Organisation}' and team = 'gp-team' and skill = 'gp-sql'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(1, reader.GetInt32(0));
            Assert.Equal(0.4375, reader.GetDouble(1));
        }
    }

    [Fact]
    public async Task Every_skill_figure_carries_its_scale_and_a_level_rounded_for_people_beside_the_exact_one()
    {
        var all = (await app.GetJsonAsync("/api/people/P2/skills")).GetProperty("skills").EnumerateArray().Single();
        var one = await app.GetJsonAsync("/api/people/P2/skills/gp-sql");
        var lineage = await app.GetJsonAsync("/api/people/P2/skills/gp-sql/lineage");
        foreach (var figure in new[] { all, one, lineage })
        {
            Assert.Equal(1m, figure.GetProperty("scaleMin").GetDecimal());
            Assert.Equal(8m, figure.GetProperty("scaleMax").GetDecimal());
            Assert.Equal("2.56", figure.GetProperty("levelDisplay").GetString());
            Assert.Equal(2.5625, figure.GetProperty("level").GetDouble(), 12);
        }
        Assert.Equal("3.00", (await app.GetJsonAsync("/api/people/P1/skills/gp-sql")).GetProperty("levelDisplay").GetString());

        var gaps = await app.GetJsonAsync("/api/people/P2/gaps");
        var row = gaps.GetProperty("gaps").EnumerateArray().Single();
        Assert.Equal(1m, row.GetProperty("scaleMin").GetDecimal());
        Assert.Equal(8m, row.GetProperty("scaleMax").GetDecimal());
        Assert.Equal("2.56", row.GetProperty("levelDisplay").GetString());
        var summary = gaps.GetProperty("summary").EnumerateArray().Single();
        Assert.Equal(1m, summary.GetProperty("scaleMin").GetDecimal());
        Assert.Equal(8m, summary.GetProperty("scaleMax").GetDecimal());
    }
}
