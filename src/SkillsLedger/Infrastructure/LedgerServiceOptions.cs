namespace SkillsLedger.Infrastructure;

/// <summary>Settings of one running service.</summary>
public sealed record LedgerServiceOptions
{
    /// <summary>Organisation for requests that do not name one (until authentication assigns it per key).</summary>
    public string DefaultOrganisation { get; init; } = LedgerStoreConfiguration.DefaultOrganisation;

    /// <summary>False only with `serve --no-auth` (logged loudly): every caller is then an admin of the default organisation.</summary>
    public bool RequireAuthentication { get; init; } = true;

    /// <summary>Per-key token bucket: sustained requests per second (SKILLSLEDGER_RATE_LIMIT) and burst size.</summary>
    public int RateLimitPerSecond { get; init; } = 200;
    public int RateLimitBurst { get; init; } = 400;
}
