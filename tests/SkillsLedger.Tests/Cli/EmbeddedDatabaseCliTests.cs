using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SkillsLedger.Database;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Cli;

/// <summary>The executable against its embedded default database, as a new user would run it.</summary>
public sealed class EmbeddedDatabaseCliTests : IAsyncLifetime
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "skillsledger-cli-" + Guid.NewGuid().ToString("N")[..12]);
    private Dictionary<string, string> Env => new() { ["SKILLSLEDGER_DATA_DIR"] = _dataDir };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try { await EmbeddedPostgres.StopAsync(_dataDir); } catch { /* already stopped */ }
        try { Directory.Delete(_dataDir, true); } catch { /* best effort */ }
    }

    [Fact]
    public async Task Without_postgres_binaries_the_program_says_what_to_install_and_exits_2()
    {
        var env = Env;
        env["SKILLSLEDGER_PG_BINDIR"] = Path.Combine(_dataDir, "no-binaries-here");
        var (exit, _, stderr) = await CliProcess.RunAsync(env, "demo", "--people", "5");
        Assert.Equal(2, exit);
        var lines = stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.Contains("install", lines[0]);
    }

    [Fact]
    public async Task Usage_mistakes_are_one_line_and_exit_2()
    {
        var unknownVerb = await CliProcess.RunAsync(Env, "frobnicate");
        Assert.Equal(2, unknownVerb.Exit);
        Assert.Single(unknownVerb.Stderr.Trim().Split('\n'));
        var unknownOption = await CliProcess.RunAsync(Env, "demo", "--peeple", "5");
        Assert.Equal(2, unknownOption.Exit);
        Assert.Contains("--peeple", unknownOption.Stderr);
        var missingFile = await CliProcess.RunAsync(Env, "import", Path.Combine(_dataDir, "nope.jsonl"));
        Assert.Equal(2, missingFile.Exit);
    }

    [Fact]
    public async Task Serve_survives_a_SIGKILL_other_verbs_share_its_database_and_a_clean_stop_stops_postgres()
    {
        var port = CliProcess.FreePort();
        var url = $"http://127.0.0.1:{port}";
        string adminKey;
        using (var first = CliProcess.Start(Env, "serve", "--urls", url))
        {
            await first.WaitReadyAsync(url + "/health/ready", TimeSpan.FromSeconds(90));
            // First start with no keys: serve prints one admin key, once.
            var keyLine = await first.WaitForLineAsync("admin key: ", TimeSpan.FromSeconds(20));
            adminKey = keyLine["admin key: ".Length..].Trim();
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/people/CLI1/events")).StatusCode);
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
            var post = await http.PostAsJsonAsync("/api/events", new { events = new object[] { Events.SkillDefined("cli-skill"), Events.Assessed("CLI1", "cli-skill", 4, eventId: "cli-a1") } });
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);

            // Another verb on the same data dir uses the running database instead of starting a second one.
            var status = await CliProcess.RunAsync(Env, "db", "status");
            Assert.Equal(0, status.Exit);
            Assert.Contains($"owned by process {first.Process.Id}", status.Stdout);

            first.Process.Kill(); // SIGKILL: no chance to clean up
            await first.Process.WaitForExitAsync();
        }

        port = CliProcess.FreePort();
        url = $"http://127.0.0.1:{port}";
        using var second = CliProcess.Start(Env, "serve", "--urls", url);
        await second.WaitReadyAsync(url + "/health/ready", TimeSpan.FromSeconds(90));
        Assert.DoesNotContain("admin key: ", second.Stdout); // keys exist now: none is created or shown
        using (var http = new HttpClient { BaseAddress = new Uri(url) })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
            var history = await http.GetFromJsonAsync<JsonElement>("/api/people/CLI1/events");
            Assert.Equal("cli-a1", history.GetProperty("events")[0].GetProperty("eventId").GetString());
        }
        var adopted = await CliProcess.RunAsync(Env, "db", "status");
        Assert.Contains($"owned by process {second.Process.Id}", adopted.Stdout);

        // The README's way to a new admin key when the printed one is lost: the key alone on stdout, usable at once.
        var (keyExit, newKey, keyErr) = await CliProcess.RunAsync(Env, "keys", "create", "--org", "default", "--role", "admin", "--name", "replacement");
        Assert.True(keyExit == 0, keyErr);
        using (var http = new HttpClient { BaseAddress = new Uri(url) })
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", newKey.Trim());
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/audit/verify")).StatusCode);
        }

        second.Terminate();
        await second.Process.WaitForExitAsync();
        var stopped = await CliProcess.RunAsync(Env, "db", "status");
        Assert.Equal(3, stopped.Exit);
        Assert.Contains("not running", stopped.Stdout);
    }

    [Fact]
    public async Task Db_verbs_start_report_a_working_url_and_stop()
    {
        Assert.Equal(0, (await CliProcess.RunAsync(Env, "db", "start")).Exit);
        Assert.Equal(0, (await CliProcess.RunAsync(Env, "db", "status")).Exit);
        var url = await CliProcess.RunAsync(Env, "db", "psql-url");
        Assert.Equal(0, url.Exit);
        var last = url.Stdout.Trim().Split('\n')[^1];
        Assert.StartsWith("postgresql://ledger:", last);

        var uri = new Uri(last);
        var password = Uri.UnescapeDataString(uri.UserInfo.Split(':', 2)[1]);
        await using (var conn = new NpgsqlConnection($"Host=127.0.0.1;Port={uri.Port};Username=ledger;Password={password};Database={uri.AbsolutePath.Trim('/')}"))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("select 1", conn);
            Assert.Equal(1, await cmd.ExecuteScalarAsync());
        }
        Assert.Equal(0, (await CliProcess.RunAsync(Env, "db", "stop")).Exit);
        Assert.Equal(3, (await CliProcess.RunAsync(Env, "db", "status")).Exit);
    }

    [Fact]
    public async Task Demo_loads_a_small_organisation_and_loading_it_again_appends_nothing()
    {
        var first = await CliProcess.RunAsync(Env, "demo", "--people", "20", "--seed", "7", "--as-of", "2026-06-30", "--no-progress");
        Assert.True(first.Exit == 0, first.Stderr);
        Assert.Contains("20 people", first.Stdout);
        Assert.Matches(@"[1-9][\d,]* events appended, 0 already in the ledger", first.Stdout);
        var again = await CliProcess.RunAsync(Env, "demo", "--people", "20", "--seed", "7", "--as-of", "2026-06-30", "--no-progress");
        Assert.True(again.Exit == 0, again.Stderr);
        Assert.Contains(" 0 events appended", again.Stdout);
        // The same seed for another date would mix two histories under one set of ids: refused, nothing loaded.
        var otherDate = await CliProcess.RunAsync(Env, "demo", "--people", "20", "--seed", "7", "--as-of", "2025-06-30", "--no-progress");
        Assert.NotEqual(0, otherDate.Exit);
        Assert.Contains("already holds demo seed 7 for a history starting 2023-", otherDate.Stderr);
        Assert.DoesNotContain("events appended", otherDate.Stdout);
    }
}
