using System.Reflection;
using Npgsql;
using SkillsLedger.Projections.EventStore;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>
/// Every statement the adapter over Marten's tables holds (the public string fields of
/// projections/…/EventStore, MartenTables' names aside) is checked against a live ledger: PREPAREd, which parses and
/// plans it against the real tables without running it, or, for the bulk COPY, started and completed with no rows in a
/// transaction rolled back. A column Marten renames or drops, or a table or sequence it moves, fails here, naming the
/// statement, before any import, rebuild or read does.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class MartenStatementsContractTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("marten-statements");

    [Fact]
    public async Task Every_statement_of_the_adapter_runs_against_Martens_tables()
    {
        var statements = AdapterStatements();
        // The adapter's files as of this test: a reflection mistake that found nothing must not pass.
        Assert.True(statements.Count >= 20, $"found only {statements.Count} statements: {string.Join(", ", statements.Keys)}");
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        var problems = new List<string>();
        foreach (var (name, sql) in statements)
            if (await ProblemAsync(conn, sql) is { } problem) problems.Add($"{name}: {problem}");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_check_fails_for_a_column_that_is_not_there()
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        Assert.Contains("seq_number", await ProblemAsync(conn, $"select seq_number from {MartenTables.Events} where tenant_id = $1"));
        Assert.Contains("stream_key", await ProblemAsync(conn, $"copy {MartenTables.Events} (seq_id, stream_key) from stdin (format binary)"));
        Assert.Null(await ProblemAsync(conn, $"select seq_id from {MartenTables.Events} where tenant_id = $1"));
    }

    /// <summary>Name (Type.Field) → SQL of every public static string of the adapter's classes but MartenTables.</summary>
    internal static IReadOnlyDictionary<string, string> AdapterStatements()
    {
        var adapter = typeof(MartenTables).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(MartenTables).Namespace && t != typeof(MartenTables) && t.IsClass);
        var statements = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in adapter)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(string)))
                statements[$"{type.Name}.{field.Name}"] = (string)field.GetValue(null)!;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Static).Where(p => p.PropertyType == typeof(string)))
                statements[$"{type.Name}.{property.Name}"] = (string)property.GetValue(null)!;
        }
        return statements;
    }

    /// <returns>PostgreSQL's message when the statement does not fit the live tables; null when it does.</returns>
    private static async Task<string?> ProblemAsync(NpgsqlConnection conn, string sql)
    {
        await using var tx = await conn.BeginTransactionAsync();
        try
        {
            if (sql.TrimStart().StartsWith("copy ", StringComparison.OrdinalIgnoreCase))
            {
                await using var copy = await conn.BeginBinaryImportAsync(sql);
                await copy.CompleteAsync();
            }
            else
            {
                // $1… stay untyped: PostgreSQL infers their types from the statement. PREPARE is not undone by a rollback.
                await using var prepare = new NpgsqlCommand($"prepare contract_check as {sql}", conn, tx);
                await prepare.ExecuteNonQueryAsync();
                await using var deallocate = new NpgsqlCommand("deallocate contract_check", conn, tx);
                await deallocate.ExecuteNonQueryAsync();
            }
            return null;
        }
        catch (PostgresException e)
        {
            return e.MessageText;
        }
        finally
        {
            await tx.RollbackAsync();
        }
    }
}
