using System.Text.Json;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Cli;

/// <summary>
/// The demo organisation (demo and generate share its options) holds nothing dated later than the moment it is
/// written: by default its history ends with yesterday (UTC), and an --as-of whose day has not ended is refused.
/// </summary>
public sealed class DemoDatesTests
{
    [Fact]
    public async Task By_default_nothing_is_dated_after_the_moment_the_command_runs()
    {
        var file = Path.Combine(Path.GetTempPath(), $"skillsledger-generate-{Guid.NewGuid():N}.jsonl");
        try
        {
            var started = DateTimeOffset.UtcNow;
            var (exit, _, stderr) = await CliProcess.RunAsync(null, "generate", "--people", "30", "--seed", "3", "--no-progress", "--out", file);
            Assert.True(exit == 0, stderr);
            var latest = File.ReadLines(file)
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("occurredAt").GetDateTimeOffset())
                .Max();
            Assert.True(latest <= started, $"the latest event is dated {latest:O}, after the command started at {started:O}");
            // ...and it still reaches the recent past (monthly output figures fall on every month's end).
            Assert.True(latest > started.AddDays(-40), $"the latest event is dated {latest:O}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_as_of_day_that_has_not_ended_is_refused()
    {
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd");
        foreach (var args in new[] { new[] { "demo", "--db", "Host=unused" }, ["generate", "--out", Path.Combine(Path.GetTempPath(), $"unused-{Guid.NewGuid():N}.jsonl")] })
        {
            var (exit, _, stderr) = await CliProcess.RunAsync(null, [.. args, "--people", "5", "--as-of", today]);
            Assert.Equal(2, exit);
            Assert.Contains($"--as-of {today} ends after this moment", stderr);
        }
    }
}
