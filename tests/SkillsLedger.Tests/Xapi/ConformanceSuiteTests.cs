using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Xapi;

/// <summary>
/// ADL's LRS conformance suite run against /xapi on this class's own database, one fresh organisation per xAPI
/// version (the suite reuses fixed ids). A ratchet: the figures may only go up; raise them when the LRS passes more
/// (docs/xapi.md keeps the same figures). Needs node and an installed copy of the suite, named by
/// SKILLSLEDGER_LRS_SUITE (.ci/run installs one from shared/tools/lrs-conformance-test-suite); skipped otherwise.
/// </summary>
[Collection(SharedLedger.Xapi)]
public sealed partial class ConformanceSuiteTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("xapi-suite");

    public const int Passed103 = 1365;
    public const int Passed200 = 1442;

    [SkippableTheory]
    [InlineData("1.0.3", Passed103, 1365)]
    [InlineData("2.0.0", Passed200, 1442)]
    public async Task The_ADL_suite_passes_at_least_the_recorded_number_of_tests(string version, int atLeast, int total)
    {
        var suite = Environment.GetEnvironmentVariable("SKILLSLEDGER_LRS_SUITE");
        Skip.If(string.IsNullOrEmpty(suite) || !File.Exists(Path.Combine(suite, "bin", "console_runner.js")) || !Directory.Exists(Path.Combine(suite, "node_modules")),
            "SKILLSLEDGER_LRS_SUITE does not name an installed copy of the LRS conformance suite (copy shared/tools/lrs-conformance-test-suite, npm install --no-audit --no-fund there; .ci/run does this)");
        using var client = await app.ClientForAsync("suite-" + version, SkillsLedger.Access.Roles.Lrs);
        var parts = client.DefaultRequestHeaders.Authorization!.Parameter!.Split('_');
        var start = new ProcessStartInfo("node", ["bin/console_runner.js", "-e", app.Client.BaseAddress + "xapi", "-a", "-u", parts[1], "-p", parts[2], "-x", version, "-z"])
        {
            WorkingDirectory = suite, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception) { throw new Xunit.SkipException("node is not on PATH"); }
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var output = await stdout + await stderr;
        var totals = TotalsLine().Matches(output).LastOrDefault();
        Assert.True(totals is not null, "the suite printed no totals line:\n" + output[^Math.Min(output.Length, 4000)..]);
        var figures = JsonDocument.Parse(totals.Value).RootElement;
        Assert.Equal(total, figures.GetProperty("total").GetInt32());
        var passed = figures.GetProperty("passed").GetInt32();
        Assert.True(passed >= atLeast, $"xAPI {version}: {passed} of {total} passed, fewer than the {atLeast} recorded (failures are in {suite}/logs)");
    }

    [GeneratedRegex("\\{\"total\":\\d+,\"passed\":\\d+,\"failed\":\\d+[^}]*\\}")]
    private static partial Regex TotalsLine();
}
