using Npgsql;

namespace SkillsLedger.Tests.Xapi;

/// <summary>The LRS's tables read and changed directly in SQL (as someone with database access might), and `verify` run on them.</summary>
internal static class XapiRows
{
    public static async Task<SkillsLedger.Audit.VerificationResult> VerifyAsync(string connectionString, string org)
    {
        await using var source = NpgsqlDataSource.Create(connectionString);
        return await SkillsLedger.Audit.ChainVerifier.VerifyAsync(source, org, null, CancellationToken.None);
    }

    /// <summary>Runs SQL whose parameters $1, $2… are the values given.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql, params object[] values)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values) cmd.Parameters.AddWithValue(v);
        return await cmd.ExecuteScalarAsync();
    }

    public static async Task<long> CountAsync(string connectionString, string table, string org) =>
        (long)(await ScalarAsync(connectionString, $"select count(*) from ledger.{table} where tenant_id = $1", org))!;
}
