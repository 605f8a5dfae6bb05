using System.Data;
using System.Text.Json;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Tests.Support;
using SkillsLedger.Projections.EventStore;

namespace SkillsLedger.Tests.Infrastructure;

/// <summary>
/// The one reader of the ledger's and the analytics projection's position (what FigureCache and RoiDataCache key
/// by), against the sequence numbers the append answered with. Classes of a shared collection run one after another,
/// so nothing else appends to this host while a test runs.
/// </summary>
[Collection(SharedLedger.Figures)]
public sealed class LedgerProgressTests(LedgerApp shared)
{
    private readonly LedgerApp app = shared.For("ledger-progress");

    private async Task<long> AppendAsync(params string[] people)
    {
        var response = await app.PostEventsAsync(people.Select(p => Events.Hired(p)).ToArray());
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("lastSequence").GetInt64();
    }

    private ValueTask<NpgsqlConnection> OpenAsync() => app.Services.GetRequiredService<LedgerDatabase>().DataSource.OpenConnectionAsync();

    [Fact]
    public async Task The_state_names_the_newest_event_and_the_projection_once_it_has_applied_it()
    {
        var last = await AppendAsync("LP1", "LP2");
        await using var conn = await OpenAsync();
        var appended = await LedgerProgress.NowAsync(conn, default);
        Assert.Equal(last, appended.NewestSequence);
        Assert.NotEqual(DateTimeOffset.MinValue, appended.NewestRecorded);

        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        var projected = await LedgerProgress.NowAsync(conn, default);
        Assert.Equal(last, projected.NewestSequence);
        Assert.Equal(last, projected.Analytics?.Sequence);
        Assert.Equal(projected.Analytics, await LedgerProgress.AnalyticsAsync(conn, null, default));
    }

    [Fact]
    public async Task In_a_transaction_the_position_is_the_one_of_its_snapshot()
    {
        await AppendAsync("LP3");
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));
        await using var conn = await OpenAsync();
        await using var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        var before = await LedgerProgress.AnalyticsAsync(conn, tx, default); // the snapshot starts here

        var last = await AppendAsync("LP4");
        await app.Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(before, await LedgerProgress.AnalyticsAsync(conn, tx, default));
        await using var other = await OpenAsync();
        var after = await LedgerProgress.AnalyticsAsync(other, null, default);
        Assert.Equal(last, after?.Sequence);
        Assert.True(after!.Value.Sequence > before!.Value.Sequence && after.Value.Updated > before.Value.Updated, $"{before} → {after}");
    }
}
