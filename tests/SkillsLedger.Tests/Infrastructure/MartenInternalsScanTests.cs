using System.Text.RegularExpressions;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>
/// Marten's own tables are named only by the adapter (projections/…/EventStore), whose statements
/// MartenStatementsContractTests checks against a live ledger. Any other source file that names one (mt_events,
/// mt_streams, mt_event_progression, …) or a table of <c>MartenTables</c> (its schema name aside, which is ours) holds
/// SQL that no contract test covers: this scan fails on it, naming file and line. Comments may name the tables.
/// </summary>
public sealed partial class MartenInternalsScanTests
{
    /// <summary>
    /// Files allowed to name Marten's tables, each for a reason stated there and in docs/architecture.md ("Marten's
    /// internals behind one adapter"): the analytics rebuild's set-based SQL, which reads the events table in bulk.
    /// </summary>
    private static readonly string[] Exceptions =
    [
        "projections/SkillsLedger.Projections/Analytics/AnalyticsRebuildSql",
        "projections/SkillsLedger.Projections/Analytics/LevelsAt.cs",
    ];

    private const string Adapter = "projections/SkillsLedger.Projections/EventStore/";

    [Fact]
    public void No_source_file_outside_the_adapter_names_Martens_tables()
    {
        var found = new List<string>();
        foreach (var folder in new[] { "src", "projections" })
            foreach (var path in Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                var file = Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/');
                if (file.Contains("/bin/") || file.Contains("/obj/") || file.StartsWith(Adapter, StringComparison.Ordinal)
                    || Exceptions.Any(e => file.StartsWith(e, StringComparison.Ordinal))) continue;
                var lines = File.ReadAllLines(path);
                for (var i = 0; i < lines.Length; i++)
                    if (NamesMartenTable(lines[i]) is { } name) found.Add($"{file}:{i + 1} names {name}");
            }
        Assert.True(found.Count == 0, "SQL on Marten's tables belongs in " + Adapter + ":\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("var sql = $\"select max(seq_id) from {MartenTables.Events}\";", "MartenTables.Events")]
    [InlineData("    \"select id from ledger.mt_streams where tenant_id = $1\",", "mt_streams")]
    [InlineData("await using var cmd = new NpgsqlCommand(\"delete from mt_event_progression\", conn); // reset", "mt_event_progression")]
    [InlineData("    /// <summary>The projection's row in mt_event_progression.</summary>", null)]
    [InlineData("        // mt_events' foreign key to mt_streams", null)]
    [InlineData("public const string Schema = MartenTables.Schema;", null)]
    [InlineData("var sql = LedgerProgress.AfterWithAge; // not a table", null)]
    public void The_scan_tells_code_naming_a_table_from_comments_and_the_schema(string line, string? expected) =>
        Assert.Equal(expected, NamesMartenTable(line));

    /// <returns>The Marten table the line's code names, or null (comment lines, the schema name).</returns>
    internal static string? NamesMartenTable(string line)
    {
        var code = line.TrimStart();
        if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith("*", StringComparison.Ordinal)
            || code.StartsWith("/*", StringComparison.Ordinal)) return null;
        var match = TableName().Match(code);
        return match.Success ? match.Value : null;
    }

    [GeneratedRegex(@"\bmt_[a-z_]+|\bMartenTables\.(?!Schema\b)\w+")]
    private static partial Regex TableName();
}
