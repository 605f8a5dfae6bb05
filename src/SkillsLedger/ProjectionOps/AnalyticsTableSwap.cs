using System.Diagnostics;
using Npgsql;
using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.ProjectionOps;

/// <summary>
/// Fresh copies of the analytics tables for a full rebuild, swapped in for the old ones at the end of the rebuild's
/// transaction. Filling tables that have no index yet and building each index once afterwards is several times
/// cheaper than keeping the indexes up to date row by row (and writes far less WAL). Everything happens inside the
/// caller's transaction: readers see the old tables until the commit, and a rebuild that fails leaves them as they
/// were. What PostgreSQL attaches to a table but `create table … (like …)` does not copy — grants, row-level security
/// and its policies, the table's comment, storage options, owner, and the views that read the tables — is read from
/// the catalogue of the old tables and applied again, so `db create-bi-role` roles and BI views keep working.
/// </summary>
internal static class AnalyticsTableSwap
{
    /// <summary>Where the fresh tables are filled; the schema exists only inside the rebuild's transaction.</summary>
    public const string Staging = "analytics_rebuild";

    private const string Live = AnalyticsSchema.Name;

    private static string TableList(string schema) => string.Join(", ", AnalyticsSchema.Tables.Select(t => $"{schema}.{t}"));

    /// <summary>
    /// Empty copies of <paramref name="tables"/> in a new schema, with the same columns, defaults, NOT NULLs, checks
    /// and column comments, but no index.
    /// </summary>
    public static async Task CreateEmptyCopiesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string schema, IEnumerable<string> tables, CancellationToken ct)
    {
        var sql = $"create schema {schema};\n" + string.Join("\n", tables.Select(t =>
            $"create table {schema}.{t} (like {Live}.{t} including all excluding indexes);"));
        await ExecuteAsync(conn, tx, sql, ct);
    }

    /// <summary>
    /// The old tables' primary keys, unique constraints and indexes, built on the filled copies in
    /// <paramref name="schema"/> (same names: they live in another schema until the swap). A duplicate key fails
    /// here, and with it the whole rebuild.
    /// </summary>
    public static async Task<List<RebuiltTable>> BuildIndexesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string schema,
        IReadOnlyList<string> tables, Action<string> progress, CancellationToken ct)
    {
        var statements = await ReadAsync(conn, tx, $"""
            select c.relname, format('alter table {schema}.%I add constraint %I %s', c.relname, k.conname, pg_get_constraintdef(k.oid))
              from pg_constraint k join pg_class c on c.oid = k.conrelid
             where c.relnamespace = '{Live}'::regnamespace and c.relname = any($1) and k.contype in ('p', 'u', 'x')
            union all
            select c.relname, regexp_replace(pg_get_indexdef(i.indexrelid), ' ON {Live}\.', ' ON {schema}.')
              from pg_index i join pg_class c on c.oid = i.indrelid
             where c.relnamespace = '{Live}'::regnamespace and c.relname = any($1)
               and not exists (select from pg_constraint k where k.conindid = i.indexrelid and k.conrelid = i.indrelid)
             order by 1, 2
            """, ct, tables.ToArray());
        var built = new List<RebuiltTable>();
        foreach (var table in statements.GroupBy(s => s[0]))
        {
            var clock = Stopwatch.StartNew();
            foreach (var statement in table) await ExecuteAsync(conn, tx, statement[1], ct);
            built.Add(new RebuiltTable($"{table.Key} (indexes)", -1, clock.Elapsed));
            progress($"  {table.Key}: {table.Count()} index(es) in {clock.Elapsed.TotalSeconds:N2} s");
        }
        // Fresh tables have no statistics until autovacuum gets to them: readers' first queries would plan blind.
        await ExecuteAsync(conn, tx, $"analyze {string.Join(", ", tables.Select(t => $"{schema}.{t}"))}", ct);
        return built;
    }

    /// <summary>
    /// Replaces the old tables by the filled copies. Takes ACCESS EXCLUSIVE locks (readers wait only for this short
    /// step), copies what belongs to the old tables onto the new ones, drops the old tables and the views reading
    /// them, moves the new tables in and creates the views again. Anything else depending on the old tables
    /// (a foreign key, a materialised view) makes the drop fail, and the rebuild with it: nothing is lost silently.
    /// </summary>
    public static async Task SwapAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Action<string> progress, CancellationToken ct)
    {
        // Views reading the tables, directly or through other views, oldest first (the order they can be created in).
        var views = await ReadAsync(conn, tx, $"""
            with recursive dependent(oid) as (
                select r.ev_class from pg_depend d join pg_rewrite r on r.oid = d.objid
                 where d.classid = 'pg_rewrite'::regclass and d.refclassid = 'pg_class'::regclass
                   and d.refobjid = any(select c.oid from pg_class c where c.relnamespace = '{Live}'::regnamespace and c.relname = any($1))
                union
                select r.ev_class from dependent v join pg_depend d on d.refobjid = v.oid and d.refclassid = 'pg_class'::regclass
                  join pg_rewrite r on r.oid = d.objid and d.classid = 'pg_rewrite'::regclass
                 where r.ev_class <> v.oid)
            select format('%I.%I', n.nspname, c.relname),
                   format('create view %I.%I%s as %s', n.nspname, c.relname,
                          coalesce(' with (' || array_to_string(c.reloptions, ', ') || ')', ''), pg_get_viewdef(c.oid))
              from (select distinct oid from dependent) v join pg_class c on c.oid = v.oid join pg_namespace n on n.oid = c.relnamespace
             where c.relkind = 'v'
             order by c.oid
            """, ct, AnalyticsSchema.Tables);

        // Readers lock a view before the tables under it: lock in the same order.
        await LockForSwapAsync(conn, tx, views.Select(v => v[0]).Reverse().Concat(AnalyticsSchema.Tables.Select(t => $"{Live}.{t}")).ToList(), progress, ct);

        var restore = new List<string>();
        foreach (var table in AnalyticsSchema.Tables)
            restore.AddRange(await AttachmentsAsync(conn, tx, $"{Live}.{table}", "table", ct));
        foreach (var view in views)
        {
            restore.Add(view[1]);
            restore.AddRange(await AttachmentsAsync(conn, tx, view[0], "view", ct));
            restore.AddRange(await ColumnCommentsAsync(conn, tx, view[0], ct));
        }

        var sql = string.Join("\n", views.AsEnumerable().Reverse().Select(v => $"drop view {v[0]};"))
                  + $"\ndrop table {TableList(Live)};\n"
                  + string.Join("\n", AnalyticsSchema.Tables.Select(t => $"alter table {Staging}.{t} set schema {Live};"))
                  + $"\ndrop schema {Staging};\n"
                  + string.Join("\n", restore.Select(s => s + ";"));
        await ExecuteAsync(conn, tx, sql, ct);
    }

    /// <summary>
    /// ACCESS EXCLUSIVE on every old table, without queueing readers for long: a reader that holds one table and
    /// waits for another could deadlock with us, so each attempt gives up after a moment (rolling back to a
    /// savepoint releases what it got) and tries again, up to a limit.
    /// </summary>
    private static async Task LockForSwapAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<string> relations, Action<string> progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            await tx.SaveAsync("swap", ct);
            try
            {
                await ExecuteAsync(conn, tx, "set local lock_timeout = '2s'", ct);
                await ExecuteAsync(conn, tx, $"lock table {string.Join(", ", relations)} in access exclusive mode", ct);
                await ExecuteAsync(conn, tx, "set local lock_timeout = 0", ct);
                await tx.ReleaseAsync("swap", ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected
                                              && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                await tx.RollbackAsync("swap", ct);
                if (attempt == 1) progress("  waiting for readers of the analytics tables to finish, to swap the rebuilt tables in");
            }
        }
    }

    /// <summary>Statements that give the relation of the same name, once replaced, what the old one had.</summary>
    private static async Task<IEnumerable<string>> AttachmentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string name, string kind, CancellationToken ct)
    {
        var rows = await ReadAsync(conn, tx, $$"""
            with c as (select * from pg_class where oid = $1::regclass)
            select format('alter {{kind}} %s owner to %I', $1, pg_get_userbyid(c.relowner)) from c where c.relowner <> (select oid from pg_roles where rolname = current_user)
            union all
            select format('grant %s on %s to %s%s', a.privilege_type, $1,
                          case when a.grantee = 0 then 'public' else quote_ident(pg_get_userbyid(a.grantee)) end,
                          case when a.is_grantable then ' with grant option' else '' end)
              from c, aclexplode(c.relacl) a where a.grantee <> c.relowner
            union all
            select format('comment on {{kind}} %s is %L', $1, obj_description(c.oid, 'pg_class')) from c where obj_description(c.oid, 'pg_class') is not null
            union all
            select format('alter table %s set (%s)', $1, array_to_string(c.reloptions, ', ')) from c where c.relkind = 'r' and c.reloptions is not null
            union all
            select format('alter table %s enable row level security', $1) from c where c.relrowsecurity
            union all
            select format('alter table %s force row level security', $1) from c where c.relforcerowsecurity
            union all
            select format('create policy %I on %s as %s for %s to %s%s%s', p.polname, $1,
                          case when p.polpermissive then 'permissive' else 'restrictive' end,
                          case p.polcmd when 'r' then 'select' when 'a' then 'insert' when 'w' then 'update' when 'd' then 'delete' else 'all' end,
                          coalesce((select string_agg(case when r = 0 then 'public' else quote_ident(pg_get_userbyid(r)) end, ', ') from unnest(p.polroles) r), 'public'),
                          coalesce(' using (' || pg_get_expr(p.polqual, p.polrelid) || ')', ''),
                          coalesce(' with check (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', ''))
              from c join pg_policy p on p.polrelid = c.oid
            """, ct, name);
        return rows.Select(r => r[0]);
    }

    private static async Task<IEnumerable<string>> ColumnCommentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string view, CancellationToken ct)
    {
        var rows = await ReadAsync(conn, tx, """
            select format('comment on column %s.%I is %L', $1, a.attname, col_description(a.attrelid, a.attnum))
              from pg_attribute a where a.attrelid = $1::regclass and a.attnum > 0 and col_description(a.attrelid, a.attnum) is not null
             order by a.attnum
            """, ct, view);
        return rows.Select(r => r[0]);
    }

    private static async Task<List<string[]>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, object parameter)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        cmd.Parameters.AddWithValue(parameter);
        var rows = new List<string[]>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
