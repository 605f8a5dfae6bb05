using SkillsLedger.Access;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Cli;

/// <summary>skillsledger keys create --org ORG --role ROLE [--name N] [--person ID] | keys list [--org ORG] | keys revoke KEY_ID</summary>
public static class KeysCommand
{
    public static async Task<int> RunAsync(CliArgs args, CancellationToken ct)
    {
        args.AllowOnly("role", "name", "person");
        var verb = args.Positionals.Count > 0 ? args.Positionals[0] : null;
        if (verb is not ("create" or "list" or "revoke"))
            throw new UsageException("usage: skillsledger keys create --org ORG --role ingest|analyst|auditor|lrs|admin|employee [--name N] [--person ID (employee only)] | keys list [--org ORG] | keys revoke KEY_ID");
        if (verb == "create" && (args.Option("role") is not { } r || !Roles.IsKnown(r)))
            throw new UsageException($"--role must be one of {string.Join(", ", Roles.All)}");
        if (verb == "create" && ApiKeys.BindingError(args.Option("role")!, args.Option("person")) is { } binding) throw new UsageException(binding);
        if (verb == "revoke" && args.Positionals.Count != 2) throw new UsageException("usage: skillsledger keys revoke KEY_ID");

        await using var db = await ResolvedDatabase.ResolveAsync(args, Console.Error.WriteLine, ct);
        using (await LedgerStoreFactory.CreateAsync(db.ConnectionString, ct)) { } // schema in place
        await using var database = new LedgerDatabase(db.ConnectionString);
        var keys = new ApiKeys(database.DataSource, TimeProvider.System);
        switch (verb)
        {
            case "create":
                var org = args.Option("org") ?? LedgerStoreConfiguration.DefaultOrganisation;
                var (info, key) = await keys.CreateAsync(org, args.Option("role")!, args.Option("name"), ct, args.Option("person"));
                var bound = info.PersonId is null ? "" : $", bound to person '{info.PersonId}'";
                Console.Error.WriteLine($"created {info.Role} key '{info.Name}' (id {info.KeyId}) for organisation '{org}'{bound}; it is shown once, store it now:");
                Console.WriteLine(key);
                return 0;
            case "list":
                foreach (var k in await keys.ListAsync(args.Option("org"), ct))
                    Console.WriteLine($"{k.KeyId}  {k.Organisation,-16} {k.Role,-8} {k.Name,-24} created {k.CreatedAt:yyyy-MM-dd HH:mm}Z{(k.PersonId is { } p ? $"  person {p}" : "")}{(k.RevokedAt is { } at ? $"  REVOKED {at:yyyy-MM-dd HH:mm}Z" : "")}");
                return 0;
            default:
                var revoked = await keys.RevokeAsync(args.Positionals[1], ct);
                Console.WriteLine(revoked ? $"revoked {args.Positionals[1]}" : $"no active key {args.Positionals[1]}");
                return revoked ? 0 : 1;
        }
    }
}
