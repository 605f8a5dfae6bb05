using System.Text.Json;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Tests.Support;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Effectiveness;

/// <summary>
/// The demo organisation has effects built in (DemoEffects): coaching moves power skills twice as much as the base,
/// online courses half as much for all but beginners, and the customer-excellence programme moves nothing. The analysis,
/// which knows none of that, should find it: coaching above online, and customer-excellence's interval around zero.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class DemoEffectivenessTests(LedgerApp shared, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly LedgerApp app = shared.For("effectiveness-demo");

    private static readonly DemoOptions Demo = new(People: 700, Seed: 3, Years: 3, AsOf: new DateOnly(2026, 6, 30));

    public Task InitializeAsync() => app.LoadDemoOnceAsync(Demo, "test:effectiveness", TimeSpan.FromSeconds(240));
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<Dictionary<string, JsonElement>> GroupsAsync(string by)
    {
        var body = await app.GetJsonAsync($"/api/analytics/effectiveness?by={by}&asOf=2026-06-30&minGroupSize=5");
        var groups = body.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!);
        foreach (var (k, g) in groups)
            output.WriteLine($"{by} {k}: people {g.GetProperty("people")}, mean {g.GetProperty("meanEffect")}, CI {g.GetProperty("ciLow")}..{g.GetProperty("ciHigh")}");
        output.WriteLine("excluded: " + body.GetProperty("excluded"));
        return groups;
    }

    [Fact]
    public async Task The_built_in_effects_are_found()
    {
        var byModality = await GroupsAsync("modality");
        Assert.True(byModality["coaching"].GetProperty("meanEffect").GetDouble() > byModality["online"].GetProperty("meanEffect").GetDouble(),
            "coaching should beat online");
        var byProgramme = await GroupsAsync("program");
        var nothing = byProgramme["customer-excellence"];
        Assert.InRange(0, nothing.GetProperty("ciLow").GetDouble(), nothing.GetProperty("ciHigh").GetDouble());
        Assert.True(byProgramme["leadership-academy"].GetProperty("meanEffect").GetDouble() > nothing.GetProperty("meanEffect").GetDouble());
    }
}
