using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>
/// Release builds load the endpoints' classes from src/SkillsLedger/Internal/Generated instead of generating them at
/// start-up. Stale files there would serve an old endpoint signature, so this fails until `skillsledger codegen write`
/// has been run after an endpoint changed.
/// </summary>
public sealed class GeneratedCodeTests
{
    [Fact]
    public async Task The_pre_generated_endpoint_code_matches_what_the_endpoints_generate_now()
    {
        var committed = Path.Combine(RepositoryFiles.Root, "src", "SkillsLedger", "Internal", "Generated");
        var fresh = Path.Combine(Path.GetTempPath(), $"skillsledger-codegen-{Guid.NewGuid():N}");
        try
        {
            var (exit, stdout, stderr) = await CliProcess.RunAsync(null, "codegen", "write", "--out", fresh);
            Assert.True(exit == 0, $"codegen write failed ({exit}): {stdout}{stderr}");
            var expected = Files(fresh);
            Assert.True(expected.Count > 10, $"only {expected.Count} generated files");
            var actual = Files(committed);
            var stale = expected.Keys.Union(actual.Keys)
                .Where(f => expected.GetValueOrDefault(f) != actual.GetValueOrDefault(f))
                .ToList();
            Assert.True(stale.Count == 0,
                $"src/SkillsLedger/Internal/Generated is stale ({string.Join(", ", stale)}): run `dotnet run --project src/SkillsLedger -- codegen write` and commit the result");
        }
        finally
        {
            if (Directory.Exists(fresh)) Directory.Delete(fresh, recursive: true);
        }
    }

    [Fact]
    public async Task Codegen_without_an_action_is_a_usage_error()
    {
        var (exit, _, stderr) = await CliProcess.RunAsync(null, "codegen");
        Assert.Equal(2, exit);
        Assert.Contains("codegen write", stderr);
    }

    private static Dictionary<string, string> Files(string directory) =>
        !Directory.Exists(directory)
            ? new()
            : Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
                .ToDictionary(f => Path.GetRelativePath(directory, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"));
}
