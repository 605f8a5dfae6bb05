using Npgsql;
using SkillsLedger.Infrastructure;
using SkillsLedger.Roi;

namespace SkillsLedger.Dashboard;

/// <summary>
/// Keeps the dashboard's slow figures (readiness, goals, ROI data, effectiveness; <see cref="DashboardFigures"/>)
/// computed for today's date in every organisation, so nobody's first visit waits for them: at 100,000 people they take
/// 10–90 s each. Runs at start and every <see cref="Interval"/>; each run only asks the <see cref="FigureCache"/>,
/// which answers at once when nothing changed, and otherwise starts one new computation per figure in the background.
/// A page asked for another date whose figures are not computed yet asks for that date too (<see cref="Ask"/>).
/// `serve` runs it (SKILLSLEDGER_WARM_FIGURES=0 turns it off); the test hosts do not.
/// </summary>
public sealed class FigureWarmer(FigureCache figures, LedgerDatabase db, RoiDataCache cache, TimeProvider clock, ILogger<FigureWarmer> log)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    // One date at a time: the service keeps its other core for the people using it.
    private readonly SemaphoreSlim _one = new(1, 1);
    private readonly HashSet<(string Org, DateTimeOffset AsOf)> _asked = [];
    private CancellationToken _stopping;

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        _stopping = stop;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                foreach (var org in await OrganisationsAsync(stop))
                    await WarmAsync(org, DashboardDates.Today(clock), stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { return; }
            catch (Exception ex) when (Failed(ex)) { Warn(ex); }
            try { await Task.Delay(Interval, clock, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Computes every slow figure of one organisation's pages for <paramref name="asOf"/>, after what is queued before it.</summary>
    public void Ask(string org, DateTimeOffset asOf)
    {
        lock (_asked)
            if (!_asked.Add((org, asOf))) return;
        _ = Task.Run(async () =>
        {
            try { await WarmAsync(org, asOf, _stopping); }
            catch (OperationCanceledException) { }
            finally { lock (_asked) _asked.Remove((org, asOf)); }
        });
    }

    private async Task WarmAsync(string org, DateTimeOffset asOf, CancellationToken stop)
    {
        await _one.WaitAsync(stop);
        try { await DashboardFigures.WarmAsync(figures, db, cache, org, asOf, clock, stop); }
        catch (Exception ex) when (Failed(ex)) { Warn(ex); }
        finally { _one.Release(); }
    }

    private static bool Failed(Exception ex) => ex is NpgsqlException or InvalidOperationException or TimeoutException;

    // A page computes what it needs when asked; warming is only a head start.
    private void Warn(Exception ex) => log.LogWarning("Computing the dashboard's figures ahead of time failed: {Message}", ex.Message);

    /// <summary>Organisations with people in the analytics tables.</summary>
    private async Task<List<string>> OrganisationsAsync(CancellationToken ct)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("select distinct org_id from analytics.person order by 1", conn);
        var orgs = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) orgs.Add(r.GetString(0));
        return orgs;
    }
}
