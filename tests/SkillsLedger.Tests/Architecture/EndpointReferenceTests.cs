using System.Text.RegularExpressions;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Architecture;

/// <summary>
/// No code calls an endpoint class but the framework (issue 13, item 6): the figures an endpoint answers come from a
/// query service that the API, the report and the dashboard share, so one page cannot drift from another or pick up
/// an endpoint's HTTP concerns. Checked on the sources: every class named …Endpoint or …Endpoints under
/// src/SkillsLedger may be named only in its own file (Wolverine's generated code and comments aside).
/// </summary>
public sealed partial class EndpointReferenceTests
{
    [Fact]
    public void No_file_names_another_files_endpoint_class()
    {
        var sources = Sources();
        var endpoints = sources.SelectMany(s => EndpointClass().Matches(s.Code).Select(m => (Class: m.Groups["name"].Value, s.File))).ToList();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} endpoint classes found: has the naming changed?");

        var offences = Offences(sources, endpoints);
        Assert.True(offences.Count == 0,
            "endpoint classes used outside their own file (move the shared part into the slice's …Query service): " + string.Join("; ", offences));
    }

    [Fact]
    public void The_check_finds_a_page_calling_an_endpoint()
    {
        // What the dashboard's programmes page did before ParticipationQuery existed.
        var sources = new List<(string File, string Code)>
        {
            ("Participation/ParticipationEndpoint.cs", "public static class ParticipationEndpoint { }"),
            ("Dashboard/ProgrammesPage.cs", "/// <see cref=\"ParticipationEndpoint\"/>\nvar p = await Participation.ParticipationEndpoint.AnalyseAsync(figures);"),
        };
        var offences = Offences(sources, [("ParticipationEndpoint", "Participation/ParticipationEndpoint.cs")]);
        Assert.Equal("Dashboard/ProgrammesPage.cs:2 ParticipationEndpoint", Assert.Single(offences));
    }

    private static List<string> Offences(IReadOnlyList<(string File, string Code)> sources, IReadOnlyList<(string Class, string File)> endpoints) =>
        (from s in sources
         from line in s.Code.Split('\n').Select((text, i) => (Text: text, Number: i + 1))
         where !line.Text.TrimStart().StartsWith("//", StringComparison.Ordinal)
         from e in endpoints
         where e.File != s.File && Regex.IsMatch(line.Text, $@"\b{e.Class}\b")
         select $"{s.File}:{line.Number} {e.Class}").ToList();

    /// <summary>The host's C# and Razor sources, paths relative to src/SkillsLedger, without Wolverine's generated code.</summary>
    private static List<(string File, string Code)> Sources()
    {
        var root = Path.Combine(RepositoryFiles.Root, "src", "SkillsLedger");
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(root, f).Replace('\\', '/'), Code: File.ReadAllText(f).ReplaceLineEndings("\n")))
            .Where(s => !s.File.StartsWith("Internal/Generated/", StringComparison.Ordinal) && !s.File.StartsWith("bin/", StringComparison.Ordinal)
                        && !s.File.StartsWith("obj/", StringComparison.Ordinal))
            .ToList();
    }

    [GeneratedRegex(@"\bclass\s+(?<name>\w+Endpoints?)\b")]
    private static partial Regex EndpointClass();
}
