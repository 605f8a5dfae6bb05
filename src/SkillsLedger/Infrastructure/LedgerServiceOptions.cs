namespace SkillsLedger.Infrastructure;

/// <summary>Settings of one running service.</summary>
public sealed record LedgerServiceOptions
{
    /// <summary>Organisation for requests that do not name one (until authentication assigns it per key).</summary>
    public string DefaultOrganisation { get; init; } = LedgerStoreConfiguration.DefaultOrganisation;

    /// <summary>False only with `serve --no-auth` (logged loudly): every caller is then an admin of the default organisation.</summary>
    public bool RequireAuthentication { get; init; } = true;
}
