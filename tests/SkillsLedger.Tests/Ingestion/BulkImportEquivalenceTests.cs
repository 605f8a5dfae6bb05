using System.Text.Json;
using Marten;
using Npgsql;
using SkillsLedger.Audit;
using SkillsLedger.Cli;
using SkillsLedger.Domain.Demo;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Privacy;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Ingestion;

/// <summary>
/// The same file — the demo organisation plus hand-built edge cases, in two organisations — imported by the bulk
/// path and by the normal path into separate databases must give the same ledger. With the same batch size even the
/// sequence numbers (and so the analytics tables) are identical; with the bulk default (20,000 a chunk) every stream
/// is identical. One import per database for the whole class (fixture), the tests compare.
/// </summary>
public sealed class BulkImportEquivalenceTests(BulkImportEquivalenceTests.Ledgers ledgers) : IClassFixture<BulkImportEquivalenceTests.Ledgers>
{
    public static readonly string[] Organisations = ["default", "acme"];

    public sealed class Ledgers : IAsyncLifetime
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("skillsledger-bulk-eq-").FullName;
        public string File => Path.Combine(_dir, "org.jsonl");
        /// <summary>Bulk path, 1,000 a chunk (the normal path's batch size).</summary>
        public string Bulk { get; private set; } = "";
        /// <summary>Normal path, 1,000 a batch.</summary>
        public string PerBatch { get; private set; } = "";
        /// <summary>Bulk path with its default chunk size.</summary>
        public string BulkDefault { get; private set; } = "";

        public async Task InitializeAsync()
        {
            await GenerateCommand.WriteAsync(new DemoOptions(People: 40, Seed: 7, Years: 2, AsOf: new DateOnly(2026, 6, 30)), File);
            await using (var w = System.IO.File.AppendText(File))
                foreach (var line in EdgeCases) await w.WriteLineAsync(line);

            Bulk = await TestCluster.CreateDatabaseAsync("bulkeqbulk");
            PerBatch = await TestCluster.CreateDatabaseAsync("bulkeqper");
            BulkDefault = await TestCluster.CreateDatabaseAsync("bulkeqdefault");
            foreach (var (cs, extra) in new[] { (Bulk, new[] { "--batch-size", "1000" }), (PerBatch, ["--per-batch", "--batch-size", "1000"]), (BulkDefault, []) })
            {
                // An erased person: events without personal data are still accepted for them, by both paths.
                foreach (var org in Organisations) await EraseAsync(cs, org, "X-ERASED");
                foreach (var org in Organisations)
                    Assert.Equal(0, await ImportAsync(cs, File, org, extra));
            }
        }

        public Task DisposeAsync()
        {
            Directory.Delete(_dir, true);
            return Task.CompletedTask;
        }
    }

    /// <summary>Ordinary and personal fields with characters jsonb escapes or keeps as they are (control characters are refused by validation), decimals with trailing zeros, a retraction.</summary>
    private static readonly string[] EdgeCases =
    [
        """{"type":"skill_defined","skill":"edge-skill","name":"Edge \"quoted\" skill","scaleMin":0,"scaleMax":10.50,"occurredAt":"2024-01-01T00:00:00Z","eventId":"edge-skill"}""",
        """{"type":"person_hired","personId":"X-EDGE","department":"R&D \"Labs\" Zürich \\ 😀 \u00e9","role":"analyst","monthlySalary":5200.50,"displayName":"Zoë \"Zed\" O'Brien \\ 日本","email":"zoe+1@example.org","occurredAt":"2024-02-01T00:00:00+01:00","eventId":"edge-hire"}""",
        """{"type":"skill_assessed","personId":"X-EDGE","skill":"edge-skill","level":2.50,"method":"manager","assessorId":"M\u00e9lanie","evidence":"line one / line two \\n 😀 </script> \u00e9","occurredAt":"2024-03-01T00:00:00Z","eventId":"edge-a1"}""",
        """{"type":"skill_assessed","personId":"X-EDGE","skill":"edge-skill","level":10.5,"method":"peer","occurredAt":"2024-03-02T00:00:00Z"}""",
        """{"type":"assessment_retracted","personId":"X-EDGE","retractsEventId":"edge-a1","reason":"entered twice </script> \\n \/ ключ","occurredAt":"2024-03-03T00:00:00Z","eventId":"edge-r1"}""",
        """{"type":"person_hired","personId":"X-ERASED","department":"Data","role":"analyst","occurredAt":"2024-02-01T00:00:00Z","eventId":"erased-hire"}""",
        """{"type":"skill_assessed","personId":"X-ERASED","skill":"edge-skill","level":0,"method":"self","occurredAt":"2024-03-01T00:00:00Z","eventId":"erased-a1"}""",
    ];

    internal static Task<int> ImportAsync(string cs, string file, string org, params string[] extra) =>
        ImportCommand.RunAsync(new CliArgs([file, "--db", cs, "--org", org, "--no-progress", .. extra]), CancellationToken.None);

    internal static async Task EraseAsync(string cs, string org, string person)
    {
        using (await LedgerStoreFactory.CreateAsync(cs)) { } // the schema, on a fresh database
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await PersonKeys.DestroyAsync(conn, org, person, DateTimeOffset.Parse("2024-01-15T00:00:00Z"), CancellationToken.None);
    }

    /// <summary>Every stream of the organisation as read through Marten, personal fields decrypted with that database's keys.</summary>
    private static async Task<SortedDictionary<string, List<string>>> StreamsAsync(string cs, string org, bool withSequence)
    {
        using var store = await LedgerStoreFactory.CreateAsync(cs);
        await using var session = store.QuerySession(org);
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        var streams = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var key in await ScalarsAsync<string>(conn, $"select id from ledger.mt_streams where tenant_id = '{org}' order by id"))
        {
            var events = await session.Events.FetchStreamAsync(key);
            var people = events.Select(e => e.Data).OfType<IPersonEvent>().Select(p => p.PersonId).Distinct().ToList();
            var keys = await PersonKeys.LoadAsync(conn, org, people, CancellationToken.None);
            Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), events.Select(e => e.Version)); // versions continuous
            streams[key] = events.Select(e => string.Join(" | ",
                e.Version, e.EventTypeName, e.DotNetTypeName, e.TenantId, e.UserName, e.CorrelationId is { Length: > 0 },
                withSequence ? e.Sequence : 0,
                JsonSerializer.Serialize(Plain(e.Data, org, keys), e.Data.GetType(), LedgerJson.Options))).ToList();
        }
        return streams;
    }

    private static object Plain(object data, string org, Dictionary<string, byte[]?> keys)
    {
        string? Reveal(string? stored, string person)
        {
            if (stored is null) return null;
            Assert.StartsWith(PersonalDataCipher.Prefix, stored); // never stored in clear, by either path
            return PersonalDataCipher.Reveal(stored, org, person, keys.GetValueOrDefault(person));
        }
        // Each event names its own personal fields (MapPersonalData), so a new one (birthYear) is revealed too.
        return data is IPersonEvent p ? p.MapPersonalData(stored => Reveal(stored, p.PersonId)) : data;
    }

    internal static async Task<List<T>> ScalarsAsync<T>(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        var list = new List<T>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetFieldValue<T>(0));
        return list;
    }

    private static async Task<List<string>> RowsAsync(string cs, string sql)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        return await ScalarsAsync<string>(conn, sql);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("acme")]
    public async Task Both_paths_store_the_same_streams_and_with_the_same_batch_size_the_same_sequences(string org)
    {
        var perBatch = await StreamsAsync(ledgers.PerBatch, org, withSequence: true);
        Assert.True(perBatch.Values.Sum(s => s.Count) > 1000, "the file is big enough for several batches");
        Assert.Contains("person:X-EDGE", perBatch.Keys);
        Assert.Contains("Zed", string.Join("\n", perBatch["person:X-EDGE"])); // personal data decrypted for the comparison

        var bulk = await StreamsAsync(ledgers.Bulk, org, withSequence: true);
        Assert.Equal(perBatch.Keys, bulk.Keys);
        foreach (var (key, events) in perBatch) // stream by stream, so a failure names the first event that differs
            Assert.True(events.SequenceEqual(bulk[key]), $"{key}: {events.Zip(bulk[key]).FirstOrDefault(p => p.First != p.Second)}");
        Assert.Equal(await StreamsAsync(ledgers.PerBatch, org, withSequence: false), await StreamsAsync(ledgers.BulkDefault, org, withSequence: false));
    }

    [Fact]
    public async Task Streams_event_ids_and_catalogue_documents_match_row_for_row()
    {
        const string streams = "select concat_ws(' ', tenant_id, id, coalesce(type, '-'), version, compacted_version, is_archived) from ledger.mt_streams order by 1";
        const string ids = "select concat_ws(' ', tenant_id, event_id, type, stream_key, seq) from ledger.ledger_event_ids order by 1";
        const string idsNoSeq = "select concat_ws(' ', tenant_id, event_id, type, stream_key) from ledger.ledger_event_ids order by 1";
        const string catalogue = """
            select concat_ws(' ', tenant_id, id, data::text) from ledger.mt_doc_skilldefinition
            union all select concat_ws(' ', tenant_id, id, data::text) from ledger.mt_doc_roleprofile order by 1
            """;
        foreach (var sql in new[] { streams, ids, catalogue })
            Assert.Equal(await RowsAsync(ledgers.PerBatch, sql), await RowsAsync(ledgers.Bulk, sql));
        foreach (var sql in new[] { streams, idsNoSeq, catalogue })
            Assert.Equal(await RowsAsync(ledgers.PerBatch, sql), await RowsAsync(ledgers.BulkDefault, sql));
        // Every event-id row points at the stored event that carries that id.
        Assert.Empty(await RowsAsync(ledgers.BulkDefault, """
            select i.event_id from ledger.ledger_event_ids i left join ledger.mt_events e on e.seq_id = i.seq and e.tenant_id = i.tenant_id
             where e.data->>'eventId' is distinct from i.event_id or e.type <> i.type or e.stream_id <> i.stream_key
            """));
    }

    [Fact]
    public async Task Metadata_columns_match_and_sequences_have_no_gaps_in_a_lone_import()
    {
        // Everything Marten fills except what is unique per append (event uuid, timestamp, correlation id).
        const string columns = """
            select concat_ws(' ', seq_id, stream_id, version, type, tenant_id, mt_dotnet_type, user_name, is_archived, bdata is null,
                   regexp_replace(data::text, 'enc:v1:[A-Za-z0-9+/=]+', 'enc', 'g'))
              from ledger.mt_events order by seq_id
            """;
        Assert.Equal(await RowsAsync(ledgers.PerBatch, columns), await RowsAsync(ledgers.Bulk, columns));
        foreach (var cs in new[] { ledgers.Bulk, ledgers.BulkDefault })
        {
            var check = await RowsAsync(cs, """
                select concat_ws(' ', count(*), max(seq_id) - min(seq_id) + 1, count(distinct correlation_id), count(*) filter (where timestamp is null or id is null))
                  from ledger.mt_events
                """);
            var parts = check[0].Split(' ');
            Assert.Equal(parts[0], parts[1]); // 1..N without holes: one writer, nothing rolled back
            Assert.Equal("2", parts[2]);      // one correlation id per import run (two organisations)
            Assert.Equal("0", parts[3]);
        }
    }

    [Fact]
    public async Task The_hash_chain_verifies_in_both_and_a_changed_event_is_still_detected()
    {
        foreach (var cs in new[] { ledgers.PerBatch, ledgers.Bulk, ledgers.BulkDefault })
        {
            await using var db = new LedgerDatabase(cs);
            foreach (var org in Organisations)
            {
                var result = await ChainVerifier.VerifyAsync(db.DataSource, org, null, CancellationToken.None);
                Assert.True(result.Ok, $"{org}: {result.Reason}");
            }
        }
        // Tamper with a fresh bulk import (the fixture's ledgers stay intact for the other tests).
        var copy = await TestCluster.CreateDatabaseAsync("bulkeqtamper");
        Assert.Equal(0, await ImportAsync(copy, ledgers.File, "acme"));
        await using (var c2 = new NpgsqlConnection(copy))
        {
            await c2.OpenAsync();
            var s2 = (await ScalarsAsync<long>(c2, "select seq_id from ledger.mt_events where tenant_id = 'acme' and stream_id like 'person:%' order by seq_id offset 500 limit 1"))[0];
            await using var t2 = new NpgsqlCommand($"update ledger.mt_events set data = jsonb_set(data, '{{occurredAt}}', '\"2020-01-01T00:00:00+00:00\"') where seq_id = {s2}", c2);
            await t2.ExecuteNonQueryAsync();
            await using var db = new LedgerDatabase(copy);
            var broken = await ChainVerifier.VerifyAsync(db.DataSource, "acme", null, CancellationToken.None);
            Assert.False(broken.Ok);
            Assert.Equal(s2, broken.BrokenAt);
        }
    }

    [Fact]
    public async Task Re_running_either_path_on_a_ledger_filled_by_the_other_appends_nothing()
    {
        var before = await RowsAsync(ledgers.Bulk, "select count(*)::text from ledger.mt_events");
        Assert.Equal(0, await ImportAsync(ledgers.Bulk, ledgers.File, "default"));
        Assert.Equal(0, await ImportAsync(ledgers.Bulk, ledgers.File, "acme", "--per-batch"));
        Assert.Equal(before, await RowsAsync(ledgers.Bulk, "select count(*)::text from ledger.mt_events"));
        var beforeDefault = await RowsAsync(ledgers.BulkDefault, "select count(*)::text from ledger.mt_events");
        Assert.Equal(0, await ImportAsync(ledgers.BulkDefault, ledgers.File, "acme"));
        Assert.Equal(beforeDefault, await RowsAsync(ledgers.BulkDefault, "select count(*)::text from ledger.mt_events"));
    }

    [Fact]
    public async Task Analytics_tables_are_identical_after_the_projection_catches_up()
    {
        foreach (var cs in new[] { ledgers.PerBatch, ledgers.Bulk })
            Assert.Equal(0, await RebuildCommand.RunAsync(new CliArgs(["analytics", "--db", cs, "--no-progress"]), CancellationToken.None));
        await using var conn = new NpgsqlConnection(ledgers.PerBatch);
        await conn.OpenAsync();
        var tables = await ScalarsAsync<string>(conn, "select table_name::text from information_schema.tables where table_schema = 'analytics' and table_type = 'BASE TABLE' order by 1");
        Assert.Contains("skill_assessment", tables);
        var nonEmpty = 0;
        foreach (var table in tables)
        {
            // recorded_at is when the ledger stored the event: it differs between two imports by design.
            var columns = await ScalarsAsync<string>(conn, $"select quote_ident(column_name) from information_schema.columns where table_schema = 'analytics' and table_name = '{table}' and column_name not like 'recorded%' order by ordinal_position");
            var sql = $"select row({string.Join(", ", columns)})::text from analytics.\"{table}\" order by 1";
            var expected = await RowsAsync(ledgers.PerBatch, sql);
            if (expected.Count > 0) nonEmpty++;
            var actual = await RowsAsync(ledgers.Bulk, sql);
            var firstDifference = expected.Zip(actual).FirstOrDefault(p => p.First != p.Second);
            Assert.True(expected.SequenceEqual(actual), $"analytics.{table}: {expected.Count} vs {actual.Count} rows; first difference:\n{firstDifference.First}\n{firstDifference.Second}");
        }
        Assert.True(nonEmpty >= 3, $"only {nonEmpty} analytics tables have rows");
    }
}
