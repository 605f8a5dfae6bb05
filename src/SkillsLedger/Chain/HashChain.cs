using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SkillsLedger.Chain;

/// <summary>An event as the chain sees it: the stored columns, read back from PostgreSQL.</summary>
public sealed record ChainedEvent(long Sequence, string Stream, string Type, string DataJson, DateTime RecordedAtUtc, string? RecordedBy);

/// <summary>
/// Per organisation, h_n = SHA-256(h_{n−1} ‖ canonical bytes of event n), h_0 = 32 zero bytes. The canonical bytes are
/// UTF-8 of: sequence, stream, type, recordedAt (UTC, yyyy-MM-ddTHH:mm:ss.ffffffZ), recordedBy (empty when null), each
/// followed by a line feed, then the event's data exactly as PostgreSQL prints its jsonb (which includes occurredAt).
/// Reading the data back from the database, rather than hashing what the client sent, makes the bytes identical at
/// write time and at every later verification, and after a dump and restore.
/// </summary>
public static class HashChain
{
    public static readonly byte[] Genesis = new byte[32];

    public static byte[] Next(byte[] previous, ChainedEvent e)
    {
        // One buffer and one-shot SHA-256: an incremental hash object per event costs more than hashing the bytes, and
        // the header is formatted straight to UTF-8 (this runs once per stored event on import and on every verification).
        var recordedBy = e.RecordedBy ?? "";
        var headerMax = 64 + Encoding.UTF8.GetMaxByteCount(e.Stream.Length + e.Type.Length + recordedBy.Length);
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(previous.Length + headerMax + Encoding.UTF8.GetByteCount(e.DataJson));
        try
        {
            previous.CopyTo(rented, 0);
            var at = previous.Length;
            if (!System.Text.Unicode.Utf8.TryWrite(rented.AsSpan(at, headerMax), CultureInfo.InvariantCulture,
                    $"{e.Sequence}\n{e.Stream}\n{e.Type}\n{e.RecordedAtUtc:yyyy-MM-ddTHH:mm:ss.ffffff}Z\n{recordedBy}\n", out var written))
                throw new InvalidOperationException("chain header longer than its bound"); // cannot happen: the bound covers every part
            at += written;
            at += Encoding.UTF8.GetBytes(e.DataJson, 0, e.DataJson.Length, rented, at);
            return SHA256.HashData(rented.AsSpan(0, at));
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(rented); }
    }

    public static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);
}
