using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsLedger.Hosting;
using SkillsLedger.Projections.Analytics;
using SkillsLedger.Tests.Support;
using Weasel.Core;

namespace SkillsLedger.Tests.Analytics;

/// <summary>
/// The analytics tables are Weasel tables declared by the analytics projection: Marten's migration at start brings a
/// database of an older version to the declared shape, and the declarations are what docs/bi-schema.md documents.
/// </summary>
public sealed partial class AnalyticsSchemaTests : IAsyncLifetime
{
    private string _db = "";

    public async Task InitializeAsync() => _db = await TestCluster.CreateDatabaseAsync(nameof(AnalyticsSchemaTests));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_database_of_an_older_version_is_migrated_at_start_and_the_projection_writes_the_added_column()
    {
        await using (var first = LedgerHost.Build(_db, "http://127.0.0.1:0"))
        {
            await first.StartAsync();
            await first.StopAsync();
        }
        Assert.Equal(0, await DifferingTablesAsync());

        // What an older version left: no skill.category, no index person_team, method_weight of another type, and a view
        // of that version reading it (PostgreSQL refuses to change the type of a column a view reads), under that
        // version's schema stamp, with a column this version no longer has; and an index a BI team made.
        await ExecuteAsync(string.Join("\n", AnalyticsSchema.Views().Reverse().Select(v => $"drop view {v};")) + """

            alter table analytics.skill drop column category;
            drop index analytics.person_team;
            alter table analytics.skill_assessment alter column method_weight type numeric;
            create view analytics.team_skill_gap as select org_id, person_id, method_weight from analytics.skill_assessment;
            create index bi_own_index on analytics.skill_assessment (org_id, method);
            alter table analytics.program add column retired_column text not null default 'x';
            update ledger.ledger_schema_stamps set stamp = 'sha256:an-older-version';
            """);
        Assert.Equal(4, await DifferingTablesAsync()); // skill, person, skill_assessment, program

        await using var app = LedgerHost.Build(_db, "http://127.0.0.1:0");
        await app.StartAsync();
        Assert.Equal(0, await DifferingTablesAsync());
        Assert.Equal(["double precision"], await AnalyticsTables.RowsAsync(_db,
            "select data_type from information_schema.columns where table_schema = 'analytics' and table_name = 'skill_assessment' and column_name = 'method_weight'"));
        Assert.Equal(1, await AnalyticsTables.ScalarAsync(_db, "select count(*) from pg_indexes where schemaname = 'analytics' and indexname = 'person_team'"));
        // A column the declarations no longer have is dropped (the projection would not write it).
        Assert.Equal(0, await AnalyticsTables.ScalarAsync(_db, "select count(*) from information_schema.columns where table_schema = 'analytics' and column_name = 'retired_column'"));
        // An index a BI team added for its own queries is left alone.
        Assert.Equal(1, await AnalyticsTables.ScalarAsync(_db, "select count(*) from pg_indexes where schemaname = 'analytics' and indexname = 'bi_own_index'"));
        // The views are this version's again (team_skill_gap has its gap column), with their comments.
        Assert.Equal(1, await AnalyticsTables.ScalarAsync(_db,
            "select count(*) from information_schema.columns where table_schema = 'analytics' and table_name = 'team_skill_gap' and column_name = 'gap'"));
        Assert.Equal(AnalyticsSchema.Views().Count, (int)await AnalyticsTables.ScalarAsync(_db,
            "select count(*) from pg_class where relnamespace = 'analytics'::regnamespace and relkind = 'v' and obj_description(oid, 'pg_class') is not null"));
        Assert.Equal(["Skill family from skill_defined.category (e.g. technical, digital, power, domain, leadership), if given."],
            await AnalyticsTables.RowsAsync(_db, "select col_description('analytics.skill'::regclass, (select attnum from pg_attribute where attrelid = 'analytics.skill'::regclass and attname = 'category'))"));

        // The projection writes the column that was added.
        var key = await app.Services.GetRequiredService<SkillsLedger.Access.ApiKeys>().CreateAsync("default", SkillsLedger.Access.Roles.Admin, null, CancellationToken.None);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key.Key);
        var response = await client.PostAsJsonAsync("/api/events", new
        {
            events = new[] { new { type = "skill_defined", skill = "sql", name = "SQL", scaleMin = 1, scaleMax = 5, category = "technical", occurredAt = "2024-01-01T00:00:00Z" } },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        await AnalyticsTables.WaitUntilAsync(async () => await AnalyticsTables.ScalarAsync(_db, "select count(*) from analytics.skill") > 0, "the analytics projection");
        Assert.Equal(["sql|technical"], await AnalyticsTables.RowsAsync(_db, "select skill, category from analytics.skill"));
        await app.StopAsync();
    }

    [Fact]
    public void The_declared_tables_are_the_ones_docs_bi_schema_md_documents()
    {
        var documented = DocumentedTables(File.ReadAllText(BiExampleQueriesTests.DocPath()));
        Assert.Equal(AnalyticsSchema.Tables.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var table in AnalyticsSchema.Declared())
        {
            var doc = documented[table.Identifier.Name];
            var declared = table.Columns.Select(c => $"{c.Name} {Canonical(c.Type)} {(c.AllowNulls && !c.IsPrimaryKey ? "null" : "not null")}");
            Assert.Equal(declared, doc.Columns);
            Assert.Equal(string.Join(", ", table.PrimaryKeyColumns), doc.Key);
            Assert.Equal(table.Indexes.Select(i => string.Join(", ", i.Columns!)).Order(StringComparer.Ordinal), doc.Indexes.Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Tables whose catalogue differs from their declaration, as Weasel's migration sees it.</summary>
    private async Task<int> DifferingTablesAsync()
    {
        await using var conn = new NpgsqlConnection(_db);
        await conn.OpenAsync();
        var migration = await SchemaMigration.DetermineAsync(conn, CancellationToken.None, AnalyticsSchema.Declared().ToArray<ISchemaObject>());
        return migration.Deltas.Count(d => d.Difference != SchemaPatchDifference.None);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private sealed record DocumentedTable(List<string> Columns, string Key, List<string> Indexes);

    /// <summary>Each "### `analytics.NAME`" section (views left out): its column table, primary key and indexes.</summary>
    private static Dictionary<string, DocumentedTable> DocumentedTables(string markdown)
    {
        var tables = new Dictionary<string, DocumentedTable>(StringComparer.Ordinal);
        foreach (Match section in Section().Matches(markdown))
        {
            var text = section.Groups["body"].Value;
            var columns = Row().Matches(text).Select(r => $"{r.Groups["name"].Value} {Canonical(r.Groups["type"].Value.Trim())} {(r.Groups["null"].Value == "yes" ? "null" : "not null")}").ToList();
            var key = Key().Match(text).Groups[1].Value;
            var indexes = IndexOn().Matches(text).Select(m => m.Groups[1].Value).ToList();
            tables[section.Groups["table"].Value] = new DocumentedTable(columns, key, indexes);
        }
        return tables;
    }

    /// <summary>The type as docs/bi-schema.md names it (int and integer are one type).</summary>
    private static string Canonical(string type) => type == "int" ? "integer" : type;

    [GeneratedRegex(@"^### `analytics\.(?<table>\w+)`[^\n]*\n(?<body>.*?)(?=^##)", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Section();

    [GeneratedRegex(@"^\| `(?<name>\w+)` \| (?<type>[a-z ]+) \| (?<null>yes|no) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"\*\*Primary key\*\*\s+`\(([^)]*)\)`")]
    private static partial Regex Key();

    [GeneratedRegex(@"index on\s+`\(([^)]*)\)`")]
    private static partial Regex IndexOn();
}
