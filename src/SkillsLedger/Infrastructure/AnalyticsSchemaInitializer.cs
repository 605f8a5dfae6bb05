using SkillsLedger.Projections.Analytics;

namespace SkillsLedger.Infrastructure;

/// <summary>Applies the analytics schema's DDL at start, before the projection daemon writes to it.</summary>
public sealed class AnalyticsSchemaInitializer(string connectionString) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => AnalyticsSchema.EnsureAsync(connectionString, cancellationToken);
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
