using Npgsql;
using SkillsLedger.Projections.EventStore;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>
/// Our SQL reads and writes a few of Marten's own tables directly (MartenTables). Marten owns them: if an upgrade renames
/// or retypes a column we use, this fails first, naming the column, before the bulk import, the rebuild or the person
/// reads fail in some less obvious way.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class MartenTablesContractTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("marten-tables");

    [Fact]
    public async Task Every_column_we_use_exists_in_Martens_tables_with_the_type_we_expect()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        var problems = new List<string>();
        foreach (var (table, columns) in MartenTables.Columns)
        {
            var actual = new Dictionary<string, string>();
            await using (var cmd = new NpgsqlCommand(
                "select column_name, data_type from information_schema.columns where table_schema = $1 and table_name = $2", conn))
            {
                cmd.Parameters.AddWithValue(MartenTables.Schema);
                cmd.Parameters.AddWithValue(table);
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync()) actual[reader.GetString(0)] = reader.GetString(1);
            }
            if (actual.Count == 0) { problems.Add($"{MartenTables.Schema}.{table} does not exist"); continue; }
            foreach (var (column, type) in columns)
            {
                if (!actual.TryGetValue(column, out var found)) problems.Add($"{table}.{column} is missing");
                else if (found != type) problems.Add($"{table}.{column} is {found}, we use it as {type}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("; ", problems));
    }

    [Fact]
    public async Task The_sequence_and_the_catalogue_document_table_exist()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        foreach (var name in new[] { MartenTables.EventSequence, MartenTables.SkillDefinitions, MartenTables.SkillCatalogueState, MartenTables.Events, MartenTables.Streams, MartenTables.Progression })
        {
            await using var cmd = new NpgsqlCommand("select to_regclass($1) is not null", conn);
            cmd.Parameters.AddWithValue(name);
            Assert.True((bool)(await cmd.ExecuteScalarAsync())!, $"{name} does not exist");
        }
    }
}
