using System.Security.Cryptography;

namespace SkillsLedger.Ingestion;

/// <summary>An Idempotency-Key with the fingerprint of the request it came with.</summary>
public sealed record IdempotencyRequest(string Key, string RequestHash)
{
    public const int MaxKeyLength = 200;

    public static IdempotencyRequest For(string key, string route, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(route + "\n"));
        sha.AppendData(body);
        return new IdempotencyRequest(key, Convert.ToHexString(sha.GetHashAndReset()));
    }
}

/// <summary>A stored first response, replayed for a repeated key.</summary>
public sealed record StoredResponse(int Status, string Json);
