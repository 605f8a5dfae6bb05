using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using SkillsLedger.Audit;
using SkillsLedger.Cli;
using SkillsLedger.Tests.Support;

namespace SkillsLedger.Tests.Audit;

/// <summary>
/// Each test tampers with a fresh organisation of its own (and its "other" organisation) in the shared host: the chain
/// is per organisation, so nobody else's verifies differently.
/// </summary>
[Collection(SharedLedger.Service)]
public sealed class HashChainTests(LedgerApp shared) : IAsyncLifetime
{
    private readonly LedgerApp _app = shared.For("audit-" + Guid.NewGuid().ToString("N")[..12]);
    private string Other => _app.Organisation + "-other";
    private long[] _seqs = [];

    public async Task InitializeAsync()
    {
        await _app.PostEventsAsync(Events.SkillDefined("hc-skill"));
        for (var i = 0; i < 4; i++)
            Assert.True((await _app.PostEventsAsync(Events.Assessed($"HC{i}", "hc-skill", 1 + i, eventId: $"hc-{i}"),
                Events.Assessed($"HC{i}", "hc-skill", 2, "peer", eventId: $"hc-{i}-b"))).IsSuccessStatusCode);
        // Another organisation's events interleave in the global sequence but form their own chain.
        var appender = new SkillsLedger.Ingestion.LedgerAppender(_app.Store, new SkillsLedger.Infrastructure.LedgerDatabase(_app.ConnectionString), TimeProvider.System);
        var other = await appender.AppendAsync([new SkillsLedger.Domain.Events.SkillDefined("hc-skill", "x", 1, 5, null, DateTimeOffset.Parse("2024-01-01T00:00:00Z"))],
            new SkillsLedger.Ingestion.AppendContext(Other, "test", "c"));
        Assert.IsType<SkillsLedger.Ingestion.AppendOutcome.Appended>(other);
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"select seq_id from ledger.mt_events where tenant_id = '{_app.Organisation}' and type <> 'tombstone' order by seq_id", conn);
        var list = new List<long>();
        await using (var r = await cmd.ExecuteReaderAsync()) while (await r.ReadAsync()) list.Add(r.GetInt64(0));
        _seqs = list.ToArray();
        Assert.Equal(9, _seqs.Length);
        // The projection daemon has read these rows before they are tampered with: a row deleted under it would leave a
        // gap that it waits out, delaying the classes after this one.
        await Marten.Events.TestingExtensions.WaitForNonStaleProjectionDataAsync(_app.Store, TimeSpan.FromSeconds(60));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> VerifyAsync() => await _app.GetJsonAsync("/api/audit/verify");

    private async Task SqlAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task An_untouched_ledger_verifies_and_the_head_matches()
    {
        var v = await VerifyAsync();
        Assert.True(v.GetProperty("ok").GetBoolean());
        Assert.Equal(9, v.GetProperty("events").GetInt64());
        var head = await _app.GetJsonAsync("/api/audit/head");
        Assert.Equal(v.GetProperty("head").GetString(), head.GetProperty("head").GetString());
        Assert.Equal(9, head.GetProperty("events").GetInt64());
        Assert.Equal(_seqs[^1], head.GetProperty("lastSequence").GetInt64());
        Assert.Equal(0, await VerifyCommand.RunAsync(new CliArgs(["--db", _app.ConnectionString, "--org", _app.Organisation, "--no-progress"]), CancellationToken.None));
        Assert.Equal(0, await VerifyCommand.RunAsync(new CliArgs(["--db", _app.ConnectionString, "--org", Other, "--no-progress"]), CancellationToken.None));
    }

    [Fact]
    public async Task Changing_one_events_json_is_detected_at_its_sequence()
    {
        var target = _seqs[4];
        await SqlAsync($"update ledger.mt_events set data = jsonb_set(data, '{{level}}', '5') where seq_id = {target}");
        var v = await VerifyAsync();
        Assert.False(v.GetProperty("ok").GetBoolean());
        Assert.Equal(target, v.GetProperty("brokenAt").GetInt64());
        Assert.Contains("does not match", v.GetProperty("reason").GetString());
        Assert.Equal(4, v.GetProperty("events").GetInt64());
        Assert.Equal(1, await VerifyCommand.RunAsync(new CliArgs(["--db", _app.ConnectionString, "--org", _app.Organisation, "--no-progress"]), CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_one_row_is_detected_at_its_sequence()
    {
        var target = _seqs[3];
        await SqlAsync($"delete from ledger.mt_events where seq_id = {target}");
        var v = await VerifyAsync();
        Assert.False(v.GetProperty("ok").GetBoolean());
        Assert.Equal(target, v.GetProperty("brokenAt").GetInt64());
        Assert.Contains("deleted", v.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Swapping_two_rows_is_detected_at_the_first_of_them()
    {
        var (a, b) = (_seqs[5], _seqs[6]);
        await SqlAsync($"""
            update ledger.mt_events e set data = s.data, stream_id = s.stream_id
              from (select seq_id, data, stream_id from ledger.mt_events where seq_id in ({a}, {b})) s
             where e.seq_id in ({a}, {b}) and s.seq_id = case when e.seq_id = {a} then {b} else {a} end
            """);
        var v = await VerifyAsync();
        Assert.False(v.GetProperty("ok").GetBoolean());
        Assert.Equal(a, v.GetProperty("brokenAt").GetInt64());
    }

    [Fact]
    public async Task Removing_the_last_event_and_its_link_shows_as_a_head_mismatch_and_the_other_organisation_still_verifies()
    {
        await SqlAsync($"delete from ledger.mt_events where seq_id = {_seqs[^1]}; delete from ledger.ledger_chain where seq = {_seqs[^1]} and tenant_id = '{_app.Organisation}'");
        var v = await VerifyAsync();
        Assert.False(v.GetProperty("ok").GetBoolean());
        Assert.Contains("head", v.GetProperty("reason").GetString());
        var other = await ChainVerifier.VerifyAsync(NpgsqlDataSource.Create(_app.ConnectionString), Other, null, CancellationToken.None);
        Assert.True(other.Ok);
        Assert.Equal(1, other.Events);
    }
}
