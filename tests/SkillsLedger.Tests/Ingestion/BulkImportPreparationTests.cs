using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Privacy;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Ingestion;

/// <summary>
/// The bulk import encrypts and serialises a chunk before its transaction (on the reading thread). What may change in
/// between is settled inside the transaction: a key another writer created first wins, an erasure stops the chunk.
/// The COPY skips mt_events' stream foreign-key check only where the role may, and the key still holds afterwards.
/// </summary>
[Collection(SharedLedger.Ingestion)]
public sealed class BulkImportPreparationTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("ingestion-bulk-preparation");

    private const string Evidence = "portfolio review notes";

    private BulkAppender Appender(string org) =>
        new((Marten.DocumentStore)app.Store, new LedgerDatabase(app.ConnectionString), new AppendContext(org, "test", "t"), TimeProvider.System);

    private static List<ILedgerEvent> Chunk(string person) =>
        JsonlReader.Read(new StringReader(string.Join('\n',
            System.Text.Json.JsonSerializer.Serialize(Events.SkillDefined("prep-skill")),
            $$"""{"type":"skill_assessed","personId":"{{person}}","skill":"prep-skill","level":3,"method":"peer","evidence":"{{Evidence}}","occurredAt":"2025-01-01T00:00:00Z"}""",
            $$"""{"type":"skill_assessed","personId":"{{person}}","skill":"prep-skill","level":4,"method":"peer","occurredAt":"2025-02-01T00:00:00Z"}""")))
            .Select(x => x.Event).ToList();

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    [Fact]
    public async Task A_key_another_writer_created_after_preparation_is_the_one_used()
    {
        var store = await Appender("prep-race").PrepareAsync(Chunk("RACE1"), CancellationToken.None); // RACE1 has no key yet
        await using var conn = await OpenAsync();
        var winner = (await PersonKeys.GetOrCreateAsync(conn, "prep-race", ["RACE1"], CancellationToken.None))["RACE1"]!;

        Assert.IsType<AppendOutcome.Appended>(await store(CancellationToken.None));

        var stored = await BulkImportEquivalenceTests.ScalarsAsync<string>(conn,
            "select data->>'evidence' from ledger.mt_events where tenant_id = 'prep-race' and data ? 'evidence'");
        var value = Assert.Single(stored);
        Assert.StartsWith(PersonalDataCipher.Prefix, value);
        Assert.Equal(Evidence, PersonalDataCipher.Reveal(value, "prep-race", "RACE1", winner));
        await using var db = new LedgerDatabase(app.ConnectionString);
        Assert.True((await SkillsLedger.Audit.ChainVerifier.VerifyAsync(db.DataSource, "prep-race", null, CancellationToken.None)).Ok);
    }

    [Fact]
    public async Task A_person_erased_after_preparation_stops_the_chunk_and_nothing_is_stored()
    {
        var store = await Appender("prep-erase").PrepareAsync(Chunk("GONE2"), CancellationToken.None);
        await BulkImportEquivalenceTests.EraseAsync(app.ConnectionString, "prep-erase", "GONE2");

        var invalid = Assert.IsType<AppendOutcome.Invalid>(await store(CancellationToken.None));
        Assert.Contains("person 'GONE2' was erased", invalid.Errors[0].Message);
        Assert.Equal("events[1].personId", invalid.Errors[0].Field);
        await using var conn = await OpenAsync();
        Assert.Equal(0L, (await BulkImportEquivalenceTests.ScalarsAsync<long>(conn,
            "select count(*) from ledger.mt_events where tenant_id = 'prep-erase'"))[0]);
    }

    [Fact]
    public async Task Without_superuser_rights_the_import_keeps_the_normal_check_and_either_way_the_stream_foreign_key_holds()
    {
        await using var admin = await OpenAsync();
        await using (var cmd = new NpgsqlCommand("""
            do $$ begin
              if not exists (select from pg_roles where rolname = 'bulk_importer') then
                create role bulk_importer login password 'pw' nosuperuser;
              end if;
            end $$;
            grant usage, create on schema ledger to bulk_importer;
            grant select, insert, update, delete on all tables in schema ledger to bulk_importer;
            grant usage, select, update on all sequences in schema ledger to bulk_importer;
            """, admin)) await cmd.ExecuteNonQueryAsync();
        var restricted = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = "bulk_importer", Password = "pw" }.ConnectionString;
        await using var asImporter = new NpgsqlConnection(restricted);
        await asImporter.OpenAsync();
        await using (var check = new NpgsqlCommand("select current_setting('is_superuser')", asImporter))
            Assert.Equal("off", await check.ExecuteScalarAsync());

        var appender = new BulkAppender((Marten.DocumentStore)app.Store, new LedgerDatabase(restricted), new AppendContext("prep-plain", "test", "t"), TimeProvider.System);
        Assert.IsType<AppendOutcome.Appended>(await appender.AppendAsync(Chunk("PLAIN1"), CancellationToken.None));
        Assert.IsType<AppendOutcome.Appended>(await Appender("prep-super").AppendAsync(Chunk("SUPER1"), CancellationToken.None));

        // Both ways every copied event has its stream row: the foreign key holds.
        Assert.Equal(0L, (await BulkImportEquivalenceTests.ScalarsAsync<long>(admin, """
            select count(*) from ledger.mt_events e left join ledger.mt_streams s on s.tenant_id = e.tenant_id and s.id = e.stream_id
             where e.tenant_id in ('prep-plain', 'prep-super') and s.id is null
            """))[0]);
        Assert.Equal(4L, (await BulkImportEquivalenceTests.ScalarsAsync<long>(admin,
            "select count(*) from ledger.mt_events where tenant_id in ('prep-plain', 'prep-super') and stream_id like 'person:%'"))[0]); // two assessments each
    }
}
