using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using SkillsLedger.Domain.Events;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Audit;

/// <summary>
/// The xAPI statements' part of verification: every stored statement must match the SHA-256 that an
/// xapi_statements_stored event in the chain recorded for it, and every recorded statement must still be stored.
/// Statements of an erased person are redacted by the erasure itself: for them only presence is checked. Attachment
/// content is covered through the sha2 each (chained) statement names: every stored content must still hash to its
/// key, and every attachment a statement names without a fileUrl must still have its content (unless erased).
/// </summary>
internal sealed class StatementChecks
{
    public static readonly string EventType = EventTypes.NameOf<XapiStatementsStored>();
    private readonly Dictionary<string, (string Hash, long Seq)> _recorded = new(StringComparer.Ordinal);

    public void Record(long seq, string dataJson)
    {
        using var doc = JsonDocument.Parse(dataJson);
        var ids = doc.RootElement.GetProperty("statementIds").EnumerateArray().Select(e => e.GetString()!).ToList();
        var hashes = doc.RootElement.GetProperty("hashes").EnumerateArray().Select(e => e.GetString()!).ToList();
        for (var i = 0; i < ids.Count && i < hashes.Count; i++) _recorded[ids[i]] = (hashes[i], seq);
    }

    /// <returns>Null when every statement matches, or the sequence of the recording event and why.</returns>
    public async Task<(long? At, string Reason)?> CheckAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string organisation, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select statement_id, statement, erased from {LedgerStoreConfiguration.Schema}.{LedgerTables.XapiStatements} where tenant_id = $1 order by seq", conn, tx);
        cmd.Parameters.AddWithValue(organisation);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var needed = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var id = r.GetString(0);
                seen.Add(id);
                if (!r.GetBoolean(2)) NeededAttachments(id, r.GetString(1), needed);
                if (!_recorded.TryGetValue(id, out var rec))
                    return (null, $"xAPI statement {id} is stored but no event of the chain recorded it: it was added outside the ledger");
                if (!r.GetBoolean(2) && Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(r.GetString(1)))) != rec.Hash)
                    return (rec.Seq, $"xAPI statement {id} does not match the hash event {rec.Seq} recorded: its content changed");
            }
        if (_recorded.Keys.FirstOrDefault(id => !seen.Contains(id)) is { } missing)
            return (_recorded[missing].Seq, $"xAPI statement {missing}, recorded by event {_recorded[missing].Seq}, is no longer stored: it was deleted");
        return await CheckAttachmentsAsync(conn, tx, organisation, needed, ct);
    }

    /// <summary>The SHA-2s of the attachments a statement names without a fileUrl (their content must be stored), by statement id.</summary>
    private static void NeededAttachments(string statementId, string json, Dictionary<string, string> needed)
    {
        if (!json.Contains("\"sha2\"", StringComparison.Ordinal)) return;
        var statement = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        foreach (var (a, _) in Xapi.XapiAttachments.Named(statement, ""))
            if (!a.ContainsKey("fileUrl")) needed.TryAdd(Xapi.XapiAttachments.Sha2(a), statementId);
    }

    private async Task<(long? At, string Reason)?> CheckAttachmentsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string organisation,
        Dictionary<string, string> needed, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select sha2, content from {Xapi.AttachmentStore.Table} where tenant_id = $1 order by sha2", conn, tx);
        cmd.Parameters.AddWithValue(organisation);
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                var sha2 = r.GetString(0);
                var statement = needed.GetValueOrDefault(sha2);
                needed.Remove(sha2);
                if (Xapi.XapiAttachments.Sha2Of((byte[])r[1], sha2) != sha2)
                    return (statement is null ? null : _recorded.GetValueOrDefault(statement).Seq,
                        $"xAPI attachment content {sha2} no longer has that SHA-2: its content changed");
            }
        if (needed.FirstOrDefault() is { Key: { } lost, Value: var by })
            return (_recorded.GetValueOrDefault(by).Seq, $"xAPI attachment content {lost}, named by statement {by}, is no longer stored: it was deleted");
        return null;
    }
}
