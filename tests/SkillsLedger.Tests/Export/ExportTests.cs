using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Npgsql;
using SkillsLedger.Cli;
using SkillsLedger.Tests.Support;
using Xunit.Abstractions;

namespace SkillsLedger.Tests.Export;

/// <summary>
/// GET /api/export/{table} and `skillsledger export` over our own table analytics.export_test (every supported
/// column type, NULLs, a CSV-hostile string; 25,000 rows for 'default' and 5,000 for 'other'). The Arrow output
/// is read twice: by the C# Apache.Arrow reader and, independently, by the apache-arrow npm package under Node.js.
/// </summary>
// Own host (IClassFixture, not a SharedLedger collection): creates its own table in the analytics schema and exports every organisation's rows of it.
public sealed class ExportTests(LedgerApp app, ITestOutputHelper output) : IClassFixture<LedgerApp>, IAsyncLifetime
{
    private const int DefaultRows = 25_000;
    private const int OtherRows = 5_000;
    private const string Tricky = "comma, \"quote\" and\r\nnew line";
    private const string NpmArrowVersion = "21.2.0";

    private static readonly SemaphoreSlim SetupLock = new(1, 1);
    private static readonly HashSet<string> Prepared = [];

    private static readonly (string Name, Type Arrow, string Postgres, string Node)[] ExpectedColumns =
    [
        ("org_id", typeof(StringType), "text", "Utf8"),
        ("id", typeof(Int32Type), "integer", "Int32"),
        ("big", typeof(Int64Type), "bigint", "Int64"),
        ("label", typeof(StringType), "text", "Utf8"),
        ("amount", typeof(DoubleType), "numeric", "Float64"),
        ("score", typeof(DoubleType), "double precision", "Float64"),
        ("active", typeof(BooleanType), "boolean", "Bool"),
        ("happened_at", typeof(TimestampType), "timestamp with time zone", "Timestamp<MICROSECOND, UTC>"),
        ("day", typeof(Date32Type), "date", "Date32<DAY>"),
    ];

    public async Task InitializeAsync()
    {
        await SetupLock.WaitAsync();
        try
        {
            if (!Prepared.Add(app.ConnectionString)) return;
            await ExecAsync($"""
                create schema if not exists analytics;
                create table analytics.export_test (
                    org_id text not null,
                    id integer not null,
                    big bigint,
                    label text,
                    amount numeric(14,2),
                    score double precision,
                    active boolean,
                    happened_at timestamptz,
                    day date,
                    primary key (org_id, id));
                insert into analytics.export_test
                select o.org, g,
                    case when g % 10 = 0 then null else g::bigint * 1000003 end,
                    case when g % 7 = 0 then null when g = 1 then $tricky${Tricky}$tricky$ when g = 2 then '' else 'label ' || g end,
                    case when g % 11 = 0 then null else g * 1.25 end,
                    case when g % 13 = 0 then null else g / 4.0 end,
                    case when g % 5 = 0 then null else g % 2 = 0 end,
                    case when g % 17 = 0 then null else timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute' + interval '123456 microseconds' end,
                    case when g % 19 = 0 then null else date '2020-01-01' + g end
                from (values ('default', {DefaultRows}), ('other', {OtherRows})) as o(org, n), generate_series(1, o.n) as g;
                -- no primary key: ordered by every column
                create table analytics.export_nokey (org_id text, name text);
                insert into analytics.export_nokey values ('default', 'b'), ('default', 'a'), ('other', 'z');
                -- no org_id: cannot be scoped to an organisation, so never exportable
                create table analytics.export_noorg (name text);
                -- the target of the injection attempt
                create table analytics.x (org_id text);
                """);
        }
        finally { SetupLock.Release(); }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Arrow_export_streams_the_organisations_rows_in_bounded_batches()
    {
        var response = await app.Client.GetAsync("/api/export/export_test?format=arrow", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment; filename=\"export_test.arrow\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Null(response.Content.Headers.ContentLength); // streamed (chunked), not buffered into one body

        await using var stream = await response.Content.ReadAsStreamAsync();
        var read = await ReadArrowAsync(stream);
        var sql = await SqlStatsAsync("default");

        Assert.Equal(sql.Rows, read.Rows);
        Assert.Equal(DefaultRows, read.Rows);
        Assert.True(read.BatchSizes.Count > 1, $"expected several record batches, got {read.BatchSizes.Count}");
        Assert.All(read.BatchSizes, n => Assert.InRange(n, 1, 10_000));

        Assert.Equal(ExpectedColumns.Select(c => c.Name), read.Schema.FieldsList.Select(f => f.Name));
        foreach (var (name, arrowType, postgres, _) in ExpectedColumns)
        {
            var field = read.Schema.GetFieldByName(name);
            Assert.IsType(arrowType, field.DataType);
            Assert.True(field.IsNullable, name);
            Assert.Equal(postgres, field.Metadata["postgres_type"]);
        }
        var ts = Assert.IsType<TimestampType>(read.Schema.GetFieldByName("happened_at").DataType);
        Assert.Equal(TimeUnit.Microsecond, ts.Unit);
        Assert.Equal("UTC", ts.Timezone);
        Assert.Equal("export_test", read.Schema.Metadata["table"]);

        Assert.Equal(sql.SumBig, read.SumBig);
        Assert.Equal(sql.SumId, read.SumId);
        Assert.Equal(sql.SumAmount, read.SumAmount, 6);
        Assert.Equal(sql.SumScore, read.SumScore, 6);
        Assert.Equal(sql.Nulls, read.Nulls);
        Assert.Equal(["default"], read.Organisations);

        // Values of the first row (primary-key order), to the microsecond.
        Assert.Equal(1, read.FirstId);
        Assert.Equal(Tricky, read.FirstLabel);
        Assert.Equal(new DateTimeOffset(2024, 1, 1, 0, 1, 0, TimeSpan.Zero).AddTicks(1_234_560), read.FirstTimestamp);
        Assert.Equal(new DateOnly(2020, 1, 2), read.FirstDay);
        Assert.Equal(false, read.FirstActive);
        Assert.Equal("", read.SecondLabel); // an empty string is not NULL
    }

    [Fact]
    public async Task Arrow_export_reads_the_same_in_the_apache_arrow_npm_package()
    {
        var file = Path.Combine(Path.GetTempPath(), $"export-test-{Guid.NewGuid():N}.arrow");
        try
        {
            var response = await app.Client.GetAsync("/api/export/export_test", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.apache.arrow.stream", response.Content.Headers.ContentType?.MediaType); // arrow is the default
            await using (var target = File.Create(file))
                await response.Content.CopyToAsync(target);

            var checker = await NodeArrow.EnsureInstalledAsync(NpmArrowVersion, output);
            var (exit, stdout, stderr) = await NodeArrow.RunAsync("node", [checker, file], Path.GetDirectoryName(checker)!, TimeSpan.FromMinutes(2));
            Assert.True(exit == 0, $"node arrow-check.mjs failed (exit {exit}): {stderr}");
            output.WriteLine("apache-arrow (npm) says: " + stdout);

            using var doc = JsonDocument.Parse(stdout);
            var root = doc.RootElement;
            var sql = await SqlStatsAsync("default");
            Assert.Equal(sql.Rows, root.GetProperty("rows").GetInt64());
            Assert.True(root.GetProperty("batches").GetInt32() > 1);
            var columns = root.GetProperty("columns").EnumerateArray().ToList();
            Assert.Equal(ExpectedColumns.Select(c => c.Name), columns.Select(c => c.GetProperty("name").GetString()));
            Assert.Equal(ExpectedColumns.Select(c => c.Node), columns.Select(c => c.GetProperty("type").GetString()));
            Assert.All(columns, c => Assert.True(c.GetProperty("nullable").GetBoolean()));

            var sums = root.GetProperty("sums");
            Assert.Equal(sql.SumBig.ToString(CultureInfo.InvariantCulture), sums.GetProperty("big").GetString()); // exact, via BigInt
            Assert.Equal(sql.SumId, sums.GetProperty("id").GetInt64());
            Assert.Equal(sql.SumAmount, sums.GetProperty("amount").GetDouble(), 6);
            Assert.Equal(sql.SumScore, sums.GetProperty("score").GetDouble(), 6);
            foreach (var (name, nulls) in sql.Nulls)
                Assert.Equal(nulls, root.GetProperty("nulls").GetProperty(name).GetInt64());

            var first = root.GetProperty("first");
            Assert.Equal(Tricky, first.GetProperty("label").GetString());
            Assert.Equal("default", first.GetProperty("org_id").GetString());
            // apache-arrow gives timestamps and dates as epoch milliseconds: 2024-01-01T00:01:00.123456Z, 2020-01-02.
            Assert.Equal(1704067260123.456, first.GetProperty("happened_at").GetDouble(), 3);
            Assert.Equal(new DateTimeOffset(2020, 1, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds(), first.GetProperty("day").GetInt64());
            Assert.False(first.GetProperty("active").GetBoolean());
            Assert.Equal("export_test", root.GetProperty("metadata").GetProperty("table").GetString());
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Csv_export_is_rfc4180_with_a_header_and_round_trips_awkward_text()
    {
        var response = await app.Client.GetAsync("/api/export/export_test?format=csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment; filename=\"export_test.csv\"", response.Content.Headers.ContentDisposition?.ToString());

        var text = await response.Content.ReadAsStringAsync();
        var records = Csv.Parse(text);
        Assert.Equal(ExpectedColumns.Select(c => c.Name), records[0]);
        // RFC 4180 record ends (COPY writes LF; the export turns them into CRLF outside quoted fields only): every
        // record ends in CRLF, and the field's own CR LF is kept as it was, not doubled into CR CR LF.
        Assert.StartsWith(string.Join(",", ExpectedColumns.Select(c => c.Name)) + "\r\n", text);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\r\r", text);
        Assert.DoesNotMatch("[^\r]\n", text);
        var rows = records.Skip(1).ToList();
        Assert.Equal((await SqlStatsAsync("default")).Rows, rows.Count);
        Assert.All(rows, r => Assert.Equal(ExpectedColumns.Length, r.Count));

        var byId = rows.ToDictionary(r => int.Parse(r[1]!, CultureInfo.InvariantCulture));
        Assert.Equal(["default", "1", "1000003", Tricky, "1.25", "0.25", "false", "2024-01-01T00:01:00.123456Z", "2020-01-02"], byId[1]);
        Assert.Equal("", byId[2][3]); // quoted empty string…
        Assert.Null(byId[7][3]);       // …versus NULL, an empty field
        Assert.Null(byId[10][2]);
        Assert.Null(byId[5][6]);
        Assert.Equal("true", byId[4][6]);
        Assert.Equal("2024-01-01T00:04:00.123456Z", byId[4][7]);
        Assert.Equal(new[] { "default" }, rows.Select(r => r[0]).Distinct());
        Assert.Equal(rows.Sum(r => r[2] is null ? 0L : long.Parse(r[2]!, CultureInfo.InvariantCulture)), (await SqlStatsAsync("default")).SumBig);
    }

    [Fact]
    public async Task A_table_without_a_primary_key_is_ordered_by_every_column()
    {
        var records = Csv.Parse(await (await app.Client.GetAsync("/api/export/export_nokey?format=CSV")).Content.ReadAsStringAsync());
        Assert.Equal([["org_id", "name"], ["default", "a"], ["default", "b"]], records);
    }

    [Fact]
    public async Task Unknown_table_is_a_404_problem_naming_the_field_and_listing_the_tables()
    {
        var (status, problem) = await ProblemAsync("/api/export/no_such_table");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("table", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("export_test", detail);
        Assert.Contains("export_nokey", detail);
        Assert.DoesNotContain("export_noorg", detail);

        // A table without org_id cannot be scoped to an organisation: not exportable.
        Assert.Equal(HttpStatusCode.NotFound, (await ProblemAsync("/api/export/export_noorg")).Status);
        // Tables of other schemas are out of reach.
        Assert.Equal(HttpStatusCode.NotFound, (await ProblemAsync("/api/export/mt_events")).Status);
    }

    [Fact]
    public async Task Unknown_format_is_a_400_problem_naming_the_field()
    {
        var (status, problem) = await ProblemAsync("/api/export/export_test?format=xml");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("format", problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_table_name_carrying_sql_is_a_404_and_runs_nothing()
    {
        var before = await ScalarAsync<long>("select count(*) from analytics.export_test");
        foreach (var name in new[] { "export_test;drop table x", "export_test; drop table analytics.x", "x\"; drop table analytics.x; --", "export_test where 1=1 --" })
        {
            var (status, problem) = await ProblemAsync("/api/export/" + Uri.EscapeDataString(name));
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Equal("table", problem.GetProperty("errors")[0].GetProperty("field").GetString());
        }
        Assert.Equal(1L, await ScalarAsync<long>("select count(*) from information_schema.tables where table_schema = 'analytics' and table_name = 'x'"));
        Assert.Equal(before, await ScalarAsync<long>("select count(*) from analytics.export_test"));
    }

    [Fact]
    public async Task Cli_exports_csv_to_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-test-{Guid.NewGuid():N}.csv");
        try
        {
            var exit = await ExportCommand.RunAsync(new CliArgs(["export_test", "--format", "csv", "--out", path, "--db", app.ConnectionString, "--no-progress"]), CancellationToken.None);
            Assert.Equal(0, exit);
            // header + one line per row + the line break inside the quoted field of row 1
            Assert.Equal(1 + DefaultRows + 1, File.ReadAllLines(path).Length);
            Assert.Equal(1 + DefaultRows, Csv.Parse(await File.ReadAllTextAsync(path)).Count);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, Path.GetFileName(path) + ".partial-*"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Cli_exports_arrow_for_the_chosen_organisation_including_none()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-test-{Guid.NewGuid():N}.arrow");
        try
        {
            Assert.Equal(0, await ExportCommand.RunAsync(new CliArgs(["export_test", "--out", path, "--org", "other", "--db", app.ConnectionString, "--no-progress"]), CancellationToken.None));
            await using (var file = File.OpenRead(path))
            {
                var read = await ReadArrowAsync(file);
                Assert.Equal(OtherRows, read.Rows);
                Assert.Equal(["other"], read.Organisations);
                Assert.Equal((await SqlStatsAsync("other")).SumBig, read.SumBig);
            }
            // An organisation without rows still gets a valid stream: the schema and no batches.
            Assert.Equal(0, await ExportCommand.RunAsync(new CliArgs(["export_test", "--out", path, "--org", "nobody", "--db", app.ConnectionString, "--no-progress"]), CancellationToken.None));
            await using (var file = File.OpenRead(path))
            {
                var read = await ReadArrowAsync(file);
                Assert.Equal(0, read.Rows);
                Assert.Equal(ExpectedColumns.Length, read.Schema.FieldsList.Count);
            }
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task Cli_rejects_unknown_tables_and_formats_in_one_line_with_exit_2()
    {
        var path = Path.Combine(Path.GetTempPath(), $"export-test-{Guid.NewGuid():N}.arrow");
        var (exit, _, stderr) = await CliProcess.RunAsync(null, "export", "no_such_table", "--out", path, "--db", app.ConnectionString);
        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("no table 'no_such_table'", stderr);
        Assert.Contains("export_test", stderr);
        Assert.False(File.Exists(path));

        (exit, _, stderr) = await CliProcess.RunAsync(null, "export", "export_test", "--format", "xml", "--db", app.ConnectionString);
        Assert.Equal(2, exit);
        Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("--format", stderr);

        var ok = await CliProcess.RunAsync(null, "export", "export_nokey", "--format", "csv", "--out", path + ".csv", "--db", app.ConnectionString);
        try
        {
            Assert.Equal(0, ok.Exit);
            Assert.Matches(@"^exported 2 rows of export_nokey to .+ \(\d+\.\d MB\) in \d+\.\d s$", ok.Stdout.Trim());
        }
        finally { File.Delete(path + ".csv"); }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private sealed record ArrowRead(Schema Schema, long Rows, List<int> BatchSizes, long SumBig, long SumId, double SumAmount, double SumScore,
        Dictionary<string, long> Nulls, List<string> Organisations, int? FirstId, string? FirstLabel, string? SecondLabel,
        DateTimeOffset? FirstTimestamp, DateOnly? FirstDay, bool? FirstActive);

    private static async Task<ArrowRead> ReadArrowAsync(Stream stream)
    {
        using var reader = new ArrowStreamReader(stream);
        var schema = await reader.GetSchema();
        long rows = 0, sumBig = 0, sumId = 0;
        double sumAmount = 0, sumScore = 0;
        var batches = new List<int>();
        var nulls = schema.FieldsList.ToDictionary(f => f.Name, _ => 0L);
        var orgs = new HashSet<string>();
        int? firstId = null;
        string? firstLabel = null, secondLabel = null;
        DateTimeOffset? firstTs = null;
        DateOnly? firstDay = null;
        bool? firstActive = null;
        while (await reader.ReadNextRecordBatchAsync() is { } batch)
        {
            using (batch)
            {
                batches.Add(batch.Length);
                foreach (var field in schema.FieldsList) nulls[field.Name] += batch.Column(field.Name).NullCount;
                var org = (StringArray)batch.Column("org_id");
                var id = (Int32Array)batch.Column("id");
                var big = (Int64Array)batch.Column("big");
                var amount = (DoubleArray)batch.Column("amount");
                var score = (DoubleArray)batch.Column("score");
                for (var i = 0; i < batch.Length; i++)
                {
                    orgs.Add(org.GetString(i));
                    sumId += id.GetValue(i) ?? 0;
                    sumBig += big.GetValue(i) ?? 0;
                    sumAmount += amount.GetValue(i) ?? 0;
                    sumScore += score.GetValue(i) ?? 0;
                }
                if (rows == 0 && batch.Length > 1)
                {
                    firstId = id.GetValue(0);
                    firstLabel = ((StringArray)batch.Column("label")).GetString(0);
                    secondLabel = ((StringArray)batch.Column("label")).GetString(1);
                    firstTs = ((TimestampArray)batch.Column("happened_at")).GetTimestamp(0);
                    firstDay = ((Date32Array)batch.Column("day")).GetDateOnly(0);
                    firstActive = ((BooleanArray)batch.Column("active")).GetValue(0);
                }
                rows += batch.Length;
            }
        }
        return new ArrowRead(schema, rows, batches, sumBig, sumId, sumAmount, sumScore, nulls, orgs.Order().ToList(),
            firstId, firstLabel, secondLabel, firstTs, firstDay, firstActive);
    }

    private sealed record SqlStats(long Rows, long SumBig, long SumId, double SumAmount, double SumScore, Dictionary<string, long> Nulls);

    private async Task<SqlStats> SqlStatsAsync(string org)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        var nullCounts = string.Join(", ", ExpectedColumns.Select(c => $"count(*) - count({c.Name})"));
        await using var cmd = new NpgsqlCommand(
            $"select count(*), sum(big)::bigint, sum(id)::bigint, sum(amount)::float8, sum(score), {nullCounts} from analytics.export_test where org_id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = org });
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        var nulls = ExpectedColumns.Select((c, i) => (c.Name, r.GetInt64(5 + i))).ToDictionary(x => x.Name, x => x.Item2);
        return new SqlStats(r.GetInt64(0), r.IsDBNull(1) ? 0 : r.GetInt64(1), r.IsDBNull(2) ? 0 : r.GetInt64(2),
            r.IsDBNull(3) ? 0 : r.GetDouble(3), r.IsDBNull(4) ? 0 : r.GetDouble(4), nulls);
    }

    private async Task<(HttpStatusCode Status, JsonElement Problem)> ProblemAsync(string path)
    {
        var response = await app.Client.GetAsync(path);
        if (response.IsSuccessStatusCode) return (response.StatusCode, default);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>A small RFC 4180 parser for the tests: a NULL (unquoted empty field) is null, a quoted empty field is "".</summary>
internal static class Csv
{
    public static List<List<string?>> Parse(string text)
    {
        var records = new List<List<string?>>();
        var record = new List<string?>();
        var field = new StringBuilder();
        bool quoted = false, wasQuoted = false;
        var i = 0;
        void EndField() { record.Add(field.Length == 0 && !wasQuoted ? null : field.ToString()); field.Clear(); wasQuoted = false; }
        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                if (c == '"') { quoted = false; i++; continue; }
                field.Append(c); i++; continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0 && !wasQuoted: quoted = wasQuoted = true; i++; break;
                case '"': throw new FormatException($"stray quote at {i}");
                case ',': EndField(); i++; break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    EndField(); records.Add(record); record = []; i += 2; break;
                case '\r' or '\n': throw new FormatException($"bare line break at {i} (RFC 4180 wants CRLF)");
                default: field.Append(c); i++; break;
            }
        }
        if (quoted) throw new FormatException("unterminated quoted field");
        if (field.Length > 0 || wasQuoted || record.Count > 0) { EndField(); records.Add(record); }
        return records;
    }
}

/// <summary>The apache-arrow npm package under Node.js, installed once per version into a temp folder.</summary>
internal static class NodeArrow
{
    /// <returns>Path of arrow-check.mjs inside a folder whose node_modules has apache-arrow@version.</returns>
    public static async Task<string> EnsureInstalledAsync(string version, ITestOutputHelper output)
    {
        var dir = Path.Combine(Path.GetTempPath(), $"skillsledger-arrow-check-{version}");
        var marker = Path.Combine(dir, "node_modules", "apache-arrow", "package.json");
        if (!File.Exists(marker))
        {
            // Install into a private folder and move it into place, so concurrent runs never see half an install.
            var staging = $"{dir}.staging-{Environment.ProcessId}-{Guid.NewGuid():N}";
            Directory.CreateDirectory(staging);
            await File.WriteAllTextAsync(Path.Combine(staging, "package.json"), """{ "name": "skillsledger-arrow-check", "private": true }""");
            var clock = Stopwatch.StartNew();
            var (exit, stdout, stderr) = await RunAsync("npm", ["install", "--no-audit", "--no-fund", $"apache-arrow@{version}"], staging, TimeSpan.FromMinutes(5));
            output.WriteLine($"npm install apache-arrow@{version}: exit {exit} in {clock.Elapsed.TotalSeconds:N1} s");
            if (exit != 0)
            {
                try { Directory.Delete(staging, recursive: true); } catch { /* best effort */ }
                Assert.Fail($"npm install apache-arrow@{version} failed (exit {exit}); the independent Arrow check needs the npm registry. " +
                            $"stderr: {stderr.Trim()} stdout: {stdout.Trim()}");
            }
            try { Directory.Move(staging, dir); }
            catch (IOException) when (File.Exists(marker)) { Directory.Delete(staging, recursive: true); } // another run won the race
        }
        else output.WriteLine($"apache-arrow@{version} already installed in {dir}");
        var installed = JsonDocument.Parse(await File.ReadAllTextAsync(marker)).RootElement.GetProperty("version").GetString();
        Assert.Equal(version, installed);
        var script = Path.Combine(dir, "arrow-check.mjs");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Export", "arrow-check.mjs"), script, overwrite: true);
        return script;
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string program, string[] args, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"cannot run '{program}' ({ex.Message}); Node.js and npm are needed for the independent Arrow check");
            throw;
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cts = new CancellationTokenSource(timeout);
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"'{program} {string.Join(' ', args)}' did not finish within {timeout.TotalSeconds:N0} s (is the npm registry reachable?)");
            }
            return (process.ExitCode, await stdout, await stderr);
        }
    }
}
