using System.Text.Json;
using Npgsql;
using SkillsLedger.Audit;
using SkillsLedger.Cli;
using SkillsLedger.Infrastructure;
using SkillsLedger.Ingestion;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Ingestion;

/// <summary>The bulk path keeps the import's contract: stops at a bad line with earlier chunks kept, refuses personal
/// data of an erased person, and shares the ledger safely with an HTTP writer appending at the same time.</summary>
[Collection(SharedLedger.Ingestion)]
public sealed class BulkImportContractTests(LedgerApp shared) : IDisposable
{
    private readonly LedgerApp app = shared.For("ingestion-bulk-contract");

    private readonly string _dir = Directory.CreateTempSubdirectory("skillsledger-bulk-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string WriteFile(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static IEnumerable<string> Assessments(string prefix, int count, Func<int, string?>? replace = null)
    {
        yield return JsonSerializer.Serialize(Events.SkillDefined(prefix + "-skill"));
        for (var i = 2; i <= count + 1; i++)
            yield return replace?.Invoke(i) ?? JsonSerializer.Serialize(Events.Assessed($"{prefix}{i % 50}", prefix + "-skill", 1 + i % 5,
                occurredAt: $"2025-01-{1 + i / 3600:00}T00:{i / 60 % 60:00}:{i % 60:00}Z")); // every line distinct
    }

    private BatchLoader BulkLoader(string org, int chunk) =>
        new(new BulkAppender((Marten.DocumentStore)app.Store, new LedgerDatabase(app.ConnectionString), new AppendContext(org, "test", "t"), TimeProvider.System).AppendAsync, chunk);

    private async Task<long> CountAsync(string org)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select count(*) from ledger.mt_events where tenant_id = '{org}' and type <> 'tombstone'", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_bad_line_in_the_middle_stops_with_its_number_and_earlier_chunks_stay()
    {
        var file = WriteFile("bad.jsonl", Assessments("BLK", 5999, i => i == 4321
            ? """{"type":"skill_assessed","personId":"BLKX","skill":"BLK-skill","level":9,"method":"test","occurredAt":"2025-01-01T00:00:00Z"}""" : null));

        Assert.Equal(1, await ImportCommand.RunAsync(new CliArgs([file, "--db", app.ConnectionString, "--org", "bad-org", "--no-progress", "--batch-size", "2000"]), CancellationToken.None));
        Assert.Equal(4000, await CountAsync("bad-org")); // chunks 1–2000 and 2001–4000 stored, 4001–6000 not

        using var reader = new StreamReader(file);
        var stop = await Assert.ThrowsAsync<LoadStoppedException>(() => BulkLoader("bad-org-2", 2000).LoadAsync(JsonlReader.Read(reader), null, CancellationToken.None));
        Assert.Equal(4321, stop.Line);
        Assert.StartsWith("line 4321: level: ", stop.Message);
        Assert.DoesNotContain('\n', stop.Message);
        Assert.Equal(4000, await CountAsync("bad-org-2"));

        // Fixed and re-run: the stored chunks are skipped, the rest appended, the chain intact.
        var fixedFile = WriteFile("fixed.jsonl", Assessments("BLK", 5999));
        Assert.Equal(0, await ImportCommand.RunAsync(new CliArgs([fixedFile, "--db", app.ConnectionString, "--org", "bad-org", "--no-progress"]), CancellationToken.None));
        Assert.Equal(6000, await CountAsync("bad-org"));
        await using var db = new LedgerDatabase(app.ConnectionString);
        Assert.True((await ChainVerifier.VerifyAsync(db.DataSource, "bad-org", null, CancellationToken.None)).Ok);
    }

    [Fact]
    public async Task Personal_data_for_an_erased_person_stops_the_chunk_like_the_normal_path()
    {
        await BulkImportEquivalenceTests.EraseAsync(app.ConnectionString, "erase-org", "GONE1");
        var lines = Assessments("ERS", 30).Append(
            """{"type":"skill_assessed","personId":"GONE1","skill":"ERS-skill","level":2,"method":"peer","evidence":"notes","occurredAt":"2025-01-01T00:00:00Z"}""").ToList();
        var file = WriteFile("erased.jsonl", lines);
        foreach (var perBatch in new[] { false, true })
        {
            using var reader = new StreamReader(file);
            var loader = perBatch
                ? new BatchLoader(new LedgerAppender(app.Store, new LedgerDatabase(app.ConnectionString), TimeProvider.System), new AppendContext("erase-org", "test", "t"), 1000)
                : BulkLoader("erase-org", 1000);
            var stop = await Assert.ThrowsAsync<LoadStoppedException>(() => loader.LoadAsync(JsonlReader.Read(reader), null, CancellationToken.None));
            Assert.Contains("personId: person 'GONE1' was erased", stop.Message);
            if (!perBatch) Assert.StartsWith("line 32: ", stop.Message); // the bulk path names the line itself
        }
        Assert.Equal(0, await CountAsync("erase-org"));
    }

    [Fact]
    public async Task An_http_writer_appending_during_the_import_interleaves_safely()
    {
        var file = WriteFile("busy.jsonl", Assessments("CON", 12_000));
        var import = Task.Run(() => ImportCommand.RunAsync(new CliArgs([file, "--db", app.ConnectionString, "--org", app.Organisation, "--no-progress", "--batch-size", "3000"]), CancellationToken.None));
        // Meanwhile the service appends to the same people's streams (the skill may not exist yet: retry until it does).
        var posted = 0;
        for (var round = 0; posted < 20 && round < 2000; round++)
        {
            var response = await app.PostEventsAsync(Events.Assessed($"CON{round % 50}", "CON-skill", 3, "peer", eventId: $"http-{posted}"));
            if (response.IsSuccessStatusCode) posted++;
            else await Task.Delay(20);
        }
        Assert.Equal(0, await import);
        Assert.Equal(20, posted);

        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        // Every stream's versions are 1..n without holes or repeats, and mt_streams agrees.
        var broken = await BulkImportEquivalenceTests.ScalarsAsync<string>(conn, $"""
            select e.stream_id from ledger.mt_events e join ledger.mt_streams s on s.id = e.stream_id and s.tenant_id = e.tenant_id
             where e.tenant_id = '{app.Organisation}' and e.stream_id like 'person:CON%'
             group by e.stream_id, s.version having count(*) <> max(e.version) or count(distinct e.version) <> count(*) or max(e.version) <> s.version
            """);
        Assert.Empty(broken);
        Assert.Equal(12_001 + 20, (await BulkImportEquivalenceTests.ScalarsAsync<long>(conn,
            $"select count(*) from ledger.mt_events where tenant_id = '{app.Organisation}' and (stream_id like 'person:CON%' or stream_id = 'skill:CON-skill')"))[0]);
        await using var db = new LedgerDatabase(app.ConnectionString);
        var verified = await ChainVerifier.VerifyAsync(db.DataSource, app.Organisation, null, CancellationToken.None);
        Assert.True(verified.Ok, verified.Reason);
    }

    [Theory]
    [InlineData("""{"b":1,"a":"x","aa":[1,2.50,-0.5,{"z":null,"y":true}],"ccc":"q\"uo\\te / </script> é 😀 日本"}""")]
    [InlineData("""{"level":10.5,"occurredAt":"2024-02-01T00:00:00+01:00","personId":"P\u00e9","amount":0,"n":-12.30}""")]
    [InlineData("""{"é":1,"z":2,"ä":3,"ab":4,"B":5}""")]
    [InlineData("""{"\u00e9t\u00e9":"a\u0001b\u2028c\n\u00e9\ud83d\ude00","k":{"b":[],"a":{}},"n":-0.5,"m":0.0}""")] // escaped as the serializer writes
    public async Task Client_formatted_jsonb_text_is_what_postgresql_prints(string json)
    {
        Assert.True(JsonbText.TryFormat(json, out var text));
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select $1::jsonb::text", conn);
        cmd.Parameters.AddWithValue(json);
        Assert.Equal((string)(await cmd.ExecuteScalarAsync())!, text);
    }

    [Theory]
    [InlineData("""{"x":1e3}""")]
    [InlineData("""{"x":-0}""")]
    [InlineData("""{"x":"a\u0000b"}""")]
    [InlineData("""{"a\"b":1,"x":2}""")] // an escape inside a key: read back rather than sort escaped text
    [InlineData("""{"x":1,"x":2}""")]
    public void Values_postgresql_might_print_differently_are_declined(string json) =>
        Assert.False(JsonbText.TryFormat(json, out _));
}
