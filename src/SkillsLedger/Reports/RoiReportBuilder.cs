using SkillsLedger.Analytics.People;
using SkillsLedger.Analytics.Roi;
using SkillsLedger.Gaps;
using SkillsLedger.Growth;
using SkillsLedger.Infrastructure;
using SkillsLedger.Retention;
using SkillsLedger.Roi;

namespace SkillsLedger.Reports;

/// <summary>
/// Gathers the executive ROI report from the analytics read model: ROI per programme (or one), the landmark retention
/// analysis by programme, skill growth by programme, the team × skill gap matrix, and the four charts.
/// Programmes whose ROI cannot be computed are listed with the reason.
/// </summary>
public static class RoiReportBuilder
{
    public const int LandmarkDays = 90;
    public const int HorizonMonths = 12;
    public const int MinGroupSize = 5;

    /// <param name="cache">The service's loaded ROI data, shared with the ROI endpoints (null: load afresh, as the CLI does).</param>
    public static async Task<RoiReport> BuildAsync(LedgerDatabase db, string organisation, DateTimeOffset asOf, string? programId,
        TimeProvider clock, CancellationToken ct, RoiDataCache? cache = null)
    {
        // The growth and gap figures are SQL over other tables: PostgreSQL works on them while ROI is computed here.
        using var queries = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var growthQuery = GrowthQuery.QueryAsync(db, organisation, "program", queries.Token, MinGroupSize);
        var gapQuery = GapQuery.TeamSkillMatrixAsync(db, organisation, queries.Token);
        try
        {
            var data = await RoiData.LoadAsync(db, organisation, cache, ct);
            if (programId is not null && !data.Programmes.Contains(programId)) throw new UnknownProgrammeException(programId);
            var (results, failures) = data.ComputeAll(programId is null ? data.Programmes : [programId], asOf, MinGroupSize, ct);
            var retention = RetentionQuery.Analyse(data.People, asOf, LandmarkDays, HorizonMonths, "program", MinGroupSize, adjustForDepartment: false);
            var growth = new GrowthView("program", GrowthQuery.Unit, GrowthQuery.Method, MinGroupSize, await growthQuery, clock.GetUtcNow());
            var cells = await gapQuery;
            var gaps = new GapMatrix("analytics.team_skill_gap (rule weighted-recency v1; current members)", MinGroupSize,
                data.People.Count(p => p.LeftAt is null),
                cells.Where(c => c.Members >= MinGroupSize).ToList(), cells.Count(c => c.Members < MinGroupSize),
                cells.Where(c => c.Members < MinGroupSize).Select(c => new TeamSkillPair(c.Team, c.Skill)).ToList());

            var strategy = await SkillsLedger.Strategy.StrategyQuery.AllAsync(db, organisation, asOf, clock.GetUtcNow(), ct);
            var readiness = await SkillsLedger.Readiness.ReadinessQuery.AnalyseAsync(db, organisation, asOf, null, MinGroupSize, ct);
            var effectiveness = SkillsLedger.Effectiveness.EffectivenessAnalysis.Analyse(
                await SkillsLedger.Effectiveness.EffectivenessData.LoadAsync(db, organisation, asOf, ct), asOf, "modality", 180, MinGroupSize);
            var report = new RoiReport(organisation, asOf, clock.GetUtcNow(), programId, RoiMethod.Text, results, failures,
                retention, growth, gaps, [], strategy, readiness, effectiveness);
            return report with { Charts = ReportCharts.Render(report) };
        }
        catch
        {
            queries.Cancel(); // e.g. an unknown programme: its answer should not wait for them
            throw;
        }
        finally
        {
            // Never leave a query running, or its failure unobserved, when the report itself failed.
            await Task.WhenAll(growthQuery, gapQuery).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>How the report names a group of the programme analyses ("none" is people without any course).</summary>
    public static string GroupLabel(string group, string none) => group == LandmarkCohort.NoLearning ? none : group;
}
