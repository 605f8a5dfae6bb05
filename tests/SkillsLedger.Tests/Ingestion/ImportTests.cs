using System.Text.Json;
using SkillsLedger.Cli;
using SkillsLedger.Ingestion;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Ingestion;

[Collection(SharedLedger.Ingestion)]
public sealed class ImportTests(LedgerApp shared) : IDisposable
{
    private readonly LedgerApp app = shared.For("ingestion-import");

    private readonly string _dir = Directory.CreateTempSubdirectory("skillsledger-import-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private string WriteFile(string name, IEnumerable<object> events, Func<int, string?>? replaceLine = null)
    {
        var path = Path.Combine(_dir, name);
        using var w = new StreamWriter(path);
        var i = 0;
        foreach (var e in events)
        {
            i++;
            w.WriteLine(replaceLine?.Invoke(i) ?? JsonSerializer.Serialize(e));
        }
        return path;
    }

    private static IEnumerable<object> Organisation(string prefix, int assessments)
    {
        yield return Events.SkillDefined(prefix + "-skill");
        for (var i = 0; i < assessments; i++)
            // No eventId: import derives one from the line, so a re-run is still idempotent.
            yield return Events.Assessed($"{prefix}{i % 97}", prefix + "-skill", 1 + i % 5, occurredAt: $"2025-01-01T00:00:{i % 60:00}Z");
    }

    private Task<int> Import(string file, params string[] extra) =>
        ImportCommand.RunAsync(new CliArgs([file, "--db", app.ConnectionString, "--org", app.Organisation, "--no-progress", .. extra]), CancellationToken.None);

    [Fact]
    public async Task A_file_is_imported_in_batches_and_a_re_run_appends_nothing()
    {
        var file = WriteFile("org.jsonl", Organisation("IMP", 2499));
        var before = (await app.CountRowsAsync()).Events;

        Assert.Equal(0, await Import(file, "--batch-size", "1000"));
        Assert.Equal(before + 2500, (await app.CountRowsAsync()).Events);

        Assert.Equal(0, await Import(file, "--batch-size", "700"));
        Assert.Equal(before + 2500, (await app.CountRowsAsync()).Events);
    }

    [Fact]
    public async Task Profile_prints_the_time_of_each_step_and_nothing_is_profiled_without_it()
    {
        var file = WriteFile("profiled.jsonl", Organisation("PRF", 300));
        var (exit, _, stderr) = await CliProcess.RunAsync(null, "import", file, "--db", app.ConnectionString, "--org", app.Organisation, "--no-progress", "--profile");
        Assert.Equal(0, exit);
        Assert.Contains("profile: 301 events", stderr);
        // Steps of the bulk path, each with its seconds, share and µs per event (the COPY of the events and the commit).
        Assert.Matches(@"COPY events \(all\)\s+[0-9.,]+ s\s+[0-9.,]+ %\s+[0-9.,]+ µs/event", stderr);
        Assert.Matches(@"\n  commit\s+[0-9.,]+ s", stderr);

        var again = WriteFile("unprofiled.jsonl", Organisation("UNP", 10));
        (exit, _, stderr) = await CliProcess.RunAsync(null, "import", again, "--db", app.ConnectionString, "--org", app.Organisation, "--no-progress");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("profile:", stderr);
    }

    [Fact]
    public async Task A_bad_line_stops_the_import_with_its_number_and_earlier_batches_stay()
    {
        var file = WriteFile("bad.jsonl", Organisation("BAD", 2999),
            i => i == 1500 ? """{"type":"skill_assessed","personId":"BADX","skill":"BAD-skill","level":9,"method":"test","occurredAt":"2025-01-01T00:00:00Z"}""" : null);
        var before = (await app.CountRowsAsync()).Events;

        Assert.Equal(1, await Import(file, "--batch-size", "1000"));
        // Batch 1 (lines 1–1000) is stored; batch 2 holds the bad line and is not.
        Assert.Equal(before + 1000, (await app.CountRowsAsync()).Events);

        var store = app.Store;
        var appender = new LedgerAppender(store, new SkillsLedger.Infrastructure.LedgerDatabase(app.ConnectionString), TimeProvider.System);
        var loader = new BatchLoader(appender, new AppendContext(app.Organisation, "test", "t"), 1000);
        using var reader = new StreamReader(file);
        var stop = await Assert.ThrowsAsync<LoadStoppedException>(() => loader.LoadAsync(JsonlReader.Read(reader), null, CancellationToken.None));
        Assert.Equal(1500, stop.Line);
        Assert.Contains("line 1500: level:", stop.Message);
        Assert.Contains("outside the scale", stop.Message);
    }

    [Fact]
    public async Task Malformed_json_stops_at_its_line()
    {
        var file = WriteFile("malformed.jsonl", Organisation("MAL", 10), i => i == 4 ? "{\"type\": \"skill_assessed\", " : null);
        using var reader = new StreamReader(file);
        var stop = Assert.Throws<LoadStoppedException>(() => JsonlReader.Read(reader).ToList());
        Assert.Equal(4, stop.Line);
        Assert.StartsWith("line 4: malformed JSON", stop.Message);
        Assert.Equal(1, await Import(file));
    }

    [Fact]
    public void A_lone_surrogate_stops_the_import_at_its_line()
    {
        var file = WriteFile("surrogate.jsonl", Organisation("SUR", 5),
            i => i == 3 ? """{"type":"skill_assessed","personId":"SUR\uD800","skill":"SUR-skill","level":2,"method":"test","occurredAt":"2025-01-01T00:00:00Z"}""" : null);
        using var reader = new StreamReader(file);
        var stop = Assert.Throws<LoadStoppedException>(() => JsonlReader.Read(reader).ToList());
        Assert.Equal(3, stop.Line);
        Assert.Contains("surrogate", stop.Message);
    }
}
