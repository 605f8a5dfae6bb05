using System.Text.RegularExpressions;
using Marten.Events;
using Npgsql;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Tests.Support;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// The example queries of docs/bi-schema.md run as written: a small demo organisation is loaded through the
/// product's write path, the async analytics projection catches up, and each ```sql block marked
/// <c>-- example: NAME</c> is taken from the document itself and run against the database. Each must succeed and
/// return at least one row.
/// </summary>
// Own host (IClassFixture, not a SharedLedger collection): the BI examples of docs/bi-schema.md query all organisations' rows, as a BI user does.
public sealed partial class BiExampleQueriesTests(LedgerApp app, ITestOutputHelper output) : IClassFixture<LedgerApp>, IAsyncLifetime
{
    private static readonly DemoOptions Demo = new(People: 60, Seed: 3, Years: 2, AsOf: new DateOnly(2026, 6, 30));

    public Task InitializeAsync() => app.LoadDemoOnceAsync(Demo, "test:bi-examples", TimeSpan.FromSeconds(60));

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string[] Names = ["skills-below-target", "growth-by-programme", "learners-vs-non-learners", "readiness-now"];

    public static TheoryData<string> ExampleNames => new(Names);

    [Fact]
    public void The_document_holds_exactly_these_examples()
    {
        var examples = ExtractExamples(File.ReadAllText(DocPath()));
        Assert.Equal(Names.Order(StringComparer.Ordinal), examples.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ExampleNames))]
    public async Task Documented_query_runs_as_written_and_returns_rows(string name)
    {
        var examples = ExtractExamples(await File.ReadAllTextAsync(DocPath()));
        Assert.True(examples.TryGetValue(name, out var sql), $"docs/bi-schema.md has no ```sql block marked '-- example: {name}'");

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        output.WriteLine(string.Join(" | ", columns));
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            if (rows <= 20)
                output.WriteLine(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        Assert.True(rows > 0, $"example '{name}' returned no rows");
    }

    [Fact]
    public async Task The_readiness_example_counts_the_people_the_api_counts_today()
    {
        var sql = ExtractExamples(await File.ReadAllTextAsync(DocPath()))["readiness-now"];
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var (people, meeting) = (reader.GetInt64(0), reader.GetInt64(1));
        // The demo ends on 2026-06-30 and nothing is dated later, so "now" and the end of that day see the same ledger.
        var overall = (await app.GetJsonAsync("/api/analytics/readiness?minGroupSize=1")).GetProperty("overall");
        Assert.True(people > 0);
        Assert.Equal(overall.GetProperty("people").GetInt32(), people);
        Assert.Equal(overall.GetProperty("ready").GetInt32(), meeting);
    }

    [Fact]
    public async Task The_growth_example_gives_the_apis_people_and_means()
    {
        // The same rule in BI and the API (docs/methods.md §2): people are the unit, each person's slopes averaged first.
        var sql = ExtractExamples(await File.ReadAllTextAsync(DocPath()))["growth-by-programme"];
        var bi = new Dictionary<string, (long People, long PersonSkills, decimal Mean)>();
        await using (var conn = new NpgsqlConnection(app.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand(sql, conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                bi[reader.GetString(0)] = (reader.GetInt64(1), Convert.ToInt64(reader.GetValue(2)), reader.GetDecimal(3));
        }
        var api = await app.GetJsonAsync("/api/analytics/growth?by=program&minGroupSize=1");
        var groups = api.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(bi.Keys.Order(StringComparer.Ordinal), groups.Select(g => g.GetProperty("group").GetString()!).Order(StringComparer.Ordinal));
        foreach (var g in groups)
        {
            var (people, personSkills, mean) = bi[g.GetProperty("group").GetString()!];
            Assert.Equal(people, g.GetProperty("n").GetInt64());
            Assert.Equal(personSkills, g.GetProperty("personSkills").GetInt64());
            Assert.Equal(mean, Math.Round((decimal)g.GetProperty("meanSlope").GetDouble(), 3, MidpointRounding.AwayFromZero));
        }
    }

    /// <summary>Every ```sql block whose first non-blank line is <c>-- example: NAME</c>, by name.</summary>
    internal static Dictionary<string, string> ExtractExamples(string markdown)
    {
        var examples = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match block in SqlBlock().Matches(markdown.ReplaceLineEndings("\n")))
        {
            var sql = block.Groups["sql"].Value;
            if (ExampleMarker().Match(sql) is { Success: true } marker)
                Assert.True(examples.TryAdd(marker.Groups["name"].Value, sql), $"two examples named '{marker.Groups["name"].Value}'");
        }
        return examples;
    }

    internal static string DocPath() => Path.Combine(RepositoryFiles.Root, "docs", "bi-schema.md");

    [GeneratedRegex(@"^```sql[ \t]*\n(?<sql>.*?)^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex SqlBlock();

    [GeneratedRegex(@"\A\s*--\s*example:\s*(?<name>[A-Za-z0-9_-]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex ExampleMarker();
}
