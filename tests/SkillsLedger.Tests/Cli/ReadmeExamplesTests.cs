using System.Text.RegularExpressions;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Events;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Cli;

/// <summary>The README's and docs' examples work as written: they show something on the demo organisation (demo and generate share the generator) and send a key.</summary>
public sealed partial class ReadmeExamplesTests
{
    [Fact]
    public void The_lineage_example_names_a_person_and_skill_with_several_assessments_in_the_demo()
    {
        var readme = File.ReadAllText(RepoFile("README.md"));
        var match = LineageExample().Match(readme);
        Assert.True(match.Success, "README.md has no /api/people/{personId}/skills/{skill}/lineage example");
        var (person, skill) = (match.Groups["person"].Value, match.Groups["skill"].Value);
        // The demo's history ends with the day before it runs: the person must have evidence whatever that day is.
        foreach (var asOf in new[] { new DateOnly(2025, 6, 1), new DateOnly(2026, 12, 4), new DateOnly(2028, 2, 29) })
        {
            var assessments = DemoOrganisation.Generate(new DemoOptions(AsOf: asOf))
                .OfType<SkillAssessed>()
                .Count(a => a.PersonId == person && a.Skill == skill);
            Assert.True(assessments >= 3, $"{person} has {assessments} {skill} assessments in the demo as of {asOf}: the README's lineage would be (nearly) empty");
        }
    }

    [Fact]
    public void Every_documented_curl_to_the_api_sends_a_key()
    {
        // Without one the answer is a 401 body: saved with -o it becomes an "Arrow file" no reader accepts.
        var root = Path.GetDirectoryName(RepoFile("README.md"))!;
        var files = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Append(RepoFile("README.md"));
        var missing = files
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("curl ") && l.Text.Contains("/api/"))
            .Where(l => !l.Text.Contains("Authorization: Bearer") && !l.Text.Contains("\"$H\""))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();
        Assert.True(missing.Count == 0, "curl without an Authorization header: " + string.Join(", ", missing));
    }

    private static string RepoFile(string name) => Path.Combine(RepositoryFiles.Root, name);

    [GeneratedRegex(@"/api/people/(?<person>[A-Za-z0-9]+)/skills/(?<skill>[a-z0-9-]+)/lineage")]
    private static partial Regex LineageExample();
}
