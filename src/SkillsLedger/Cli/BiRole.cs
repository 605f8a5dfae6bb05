using System.Text.RegularExpressions;
using Npgsql;

namespace SkillsLedger.Cli;

/// <summary>
/// A login for BI tools that can read the `analytics` schema and nothing else: no event tables, no writes.
/// With an organisation, row-level security shows it that organisation's rows only; without, every organisation's.
/// </summary>
public static partial class BiRole
{
    /// <summary>A SQL string literal, for use inside format() in a DO block (doubled quotes, twice: once for SQL, once for the block).</summary>
    private static string Literal(string value) => "''" + value.Replace("'", "''''").Replace("%", "%%") + "''";

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex SafeName();

    /// <param name="organisation">When set, row-level security limits the role to that organisation's rows.</param>
    public static async Task CreateAsync(string connectionString, string name, string password, CancellationToken ct, string? organisation = null)
    {
        if (!SafeName().IsMatch(name))
            throw new UsageException("the role name must be lower-case letters, digits and _ (at most 63), starting with a letter or _");
        if (password.Length < 12) throw new UsageException("--password must be at least 12 characters");
        var literal = "'" + password.Replace("'", "''") + "'";
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        var database = conn.Database;
        await using var tx = await conn.BeginTransactionAsync(ct);
        var sql = $"""
            do $$ begin
              if exists (select from pg_roles where rolname = '{name}') then
                alter role "{name}" with login nosuperuser nocreatedb nocreaterole noinherit password {literal};
              else
                create role "{name}" with login nosuperuser nocreatedb nocreaterole noinherit password {literal};
              end if;
            end $$;
            grant connect on database "{database}" to "{name}";
            grant usage on schema analytics to "{name}";
            grant select on all tables in schema analytics to "{name}";
            alter default privileges in schema analytics grant select on tables to "{name}";
            alter role "{name}" set default_transaction_read_only = on;
            do $$
            declare t text;
            begin
              for t in select tablename from pg_tables where schemaname = 'analytics'
              loop
                execute format('drop policy if exists %I on analytics.%I', 'bi_{name}', t);
                execute format('create policy %I on analytics.%I for select to %I using ({(organisation is null ? "true" : "org_id = " + Literal(organisation))})', 'bi_{name}', t, '{name}');
              end loop;
            end $$;
            """;
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
    }
}
