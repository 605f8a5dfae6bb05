using SkillsLedger.Infrastructure;

namespace SkillsLedger.Access;

public static class AccessServices
{
    /// <summary>
    /// Sign-in by API key and the per-role policies (<see cref="LedgerAuthentication"/>), API keys (with their
    /// validation cache) and the batched access-log writer, one of each per service.
    /// </summary>
    public static IServiceCollection AddApiAccess(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ApiKeys(sp.GetRequiredService<LedgerDatabase>().DataSource, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AccessLogWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessLogWriter>());
        services.AddLedgerAuthentication();
        return services;
    }
}
