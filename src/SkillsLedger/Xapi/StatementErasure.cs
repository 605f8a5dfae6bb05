using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Xapi;

/// <summary>
/// Erasure of a person's xAPI statements (issue 17): the statements whose actor the mapping knew as that person keep
/// their row (counts, verbs, activities, times, the events derived from them) but lose the actor's identifiers — the
/// actor becomes an account agent of urn:skillsledger:erased named by the statement id — and result.response (free
/// text the person wrote). Statements are redacted in place rather than encrypted, because the LRS must return them
/// as stored; `verify` then checks only that they are still there. Attachment content those statements name (and no
/// other person's statement does) is deleted first (AttachmentStore.cs): it may be the person's own work, and a
/// signature's JWS repeats the actor's identifiers; the statements keep the attachments' metadata and sha2.
/// </summary>
public static class StatementErasure
{
    public const string ErasedHomePage = "urn:skillsledger:erased";

    /// <returns>How many statements were redacted.</returns>
    public static async Task<int> RedactAsync(NpgsqlConnection conn, string organisation, string personId, CancellationToken ct)
    {
        await AttachmentStore.EraseAsync(conn, organisation, personId, ct);
        await using var cmd = new NpgsqlCommand($$"""
            update {{LedgerStoreConfiguration.Schema}}.{{LedgerTables.XapiStatements}}
               set statement = jsonb_set(statement::jsonb #- '{result,response}', '{actor}',
                       jsonb_build_object('objectType', 'Agent', 'account', jsonb_build_object('homePage', '{{ErasedHomePage}}', 'name', statement_id)))::text,
                   actor_key = 'account:{{ErasedHomePage}}|' || statement_id,
                   agents = array_remove(agents, actor_key),
                   erased = true
             where tenant_id = $1 and person_id = $2 and not erased
            """, conn);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(personId);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
