using System.Collections.Concurrent;
using System.Security.Cryptography;
using Npgsql;
using SkillsLedger.Infrastructure;

namespace SkillsLedger.Access;

/// <param name="PersonId">The one person an <see cref="Roles.Employee"/> key may read; null for every other role.</param>
public sealed record ApiKeyInfo(string KeyId, string Organisation, string Role, string Name, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt,
    string? PersonId = null);

/// <summary>
/// API keys "slk_&lt;keyId&gt;_&lt;secret&gt;" with a 256-bit random secret. Only SHA-256(salt ‖ secret) is stored, so a
/// database dump does not reveal usable keys; a fast hash is enough because the secret is random, not a password.
/// Validation keeps each looked-up key row (salt, hash, role, revoked or not — never the secret) for
/// <see cref="CacheFor"/>, so a request costs a hash instead of a database round trip. A key revoked through this
/// process stops at once; one revoked elsewhere (the CLI, another node) within <see cref="CacheFor"/>.
/// </summary>
public sealed class ApiKeys(NpgsqlDataSource dataSource, TimeProvider clock)
{
    /// <summary>The longest a revocation made outside this process can go unnoticed (docs/security.md).</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private static readonly string Table = $"{LedgerStoreConfiguration.Schema}.{LedgerTables.ApiKeys}";

    private sealed record StoredKey(ApiKeyInfo Info, byte[] Salt, byte[] Hash, DateTimeOffset FetchedAt);

    // Only rows that exist are kept: a key created by the CLI a moment ago is found on its first use.
    private readonly ConcurrentDictionary<string, StoredKey> _cache = new(StringComparer.Ordinal);
    private long _revocations;

    /// <param name="personId">Required for a person-bound role (employee), refused for the others.</param>
    public async Task<(ApiKeyInfo Info, string Key)> CreateAsync(string organisation, string role, string? name, CancellationToken ct, string? personId = null)
    {
        if (BindingError(role, personId) is { } error) throw new ArgumentException(error);
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)); // 256 bits; hex so '_' only separates
        var salt = RandomNumberGenerator.GetBytes(16);
        var info = new ApiKeyInfo(keyId, organisation, role, name ?? $"{role}-{keyId}", clock.GetUtcNow(), null, personId);
        await using var cmd = dataSource.CreateCommand(
            $"insert into {Table} (key_id, tenant_id, role, name, salt, hash, created_at, person_id) values ($1, $2, $3, $4, $5, $6, $7, $8)");
        cmd.Parameters.AddWithValue(keyId);
        cmd.Parameters.AddWithValue(organisation);
        cmd.Parameters.AddWithValue(role);
        cmd.Parameters.AddWithValue(info.Name);
        cmd.Parameters.AddWithValue(salt);
        cmd.Parameters.AddWithValue(Hash(salt, secret));
        cmd.Parameters.AddWithValue(info.CreatedAt);
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)personId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
        return (info, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>Why this role and person cannot make a key (one line), or null when they can.</summary>
    public static string? BindingError(string role, string? personId)
    {
        if (!Roles.IsKnown(role)) return $"unknown role '{role}' (one of {string.Join(", ", Roles.All)})";
        if (Roles.IsPersonBound(role) && string.IsNullOrWhiteSpace(personId)) return $"a key with role '{role}' needs --person PERSON_ID (the one person it may read)";
        if (!Roles.IsPersonBound(role) && personId is not null) return $"--person is only for role '{Roles.Employee}'; a key with role '{role}' is not bound to a person";
        if (personId is not null && personId.Any(char.IsControl)) return "--person must not contain control characters";
        return null;
    }

    /// <returns>The key's identity, or null for a malformed, unknown or revoked key.</returns>
    /// <remarks>
    /// Every request passes here, so a key found in the cache is checked without allocating: the parts are spans, the
    /// cache is looked up by span and the hash goes to the stack. Only a cache miss awaits the database.
    /// </remarks>
    public ValueTask<ApiKeyInfo?> ValidateAsync(string presented, CancellationToken ct)
    {
        if (!TryParse(presented, out var keyId, out var secret)) return ValueTask.FromResult<ApiKeyInfo?>(null);
        var now = clock.GetUtcNow();
        return _cache.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(keyId, out var stored) && now - stored.FetchedAt < CacheFor
            ? ValueTask.FromResult(Check(stored, secret))
            : LoadAndCheckAsync(keyId.ToString(), presented, now, ct);
    }

    // A key's layout: "slk_", 12 characters of key id, "_", 64 of secret.
    private const string Prefix = "slk_";
    private const int KeyIdLength = 12, SecretStart = 4 /* Prefix */ + KeyIdLength + 1, SecretLength = 64;

    /// <summary>slk_&lt;keyId: 12&gt;_&lt;secret: 64&gt;, nothing else.</summary>
    private static bool TryParse(string presented, out ReadOnlySpan<char> keyId, out ReadOnlySpan<char> secret)
    {
        var span = presented.AsSpan();
        keyId = secret = default;
        if (span.Length != SecretStart + SecretLength || !span.StartsWith(Prefix) || span[SecretStart - 1] != '_') return false;
        keyId = span.Slice(Prefix.Length, KeyIdLength);
        secret = span[SecretStart..];
        return !keyId.Contains('_') && !secret.Contains('_');
    }

    private async ValueTask<ApiKeyInfo?> LoadAndCheckAsync(string keyId, string presented, DateTimeOffset now, CancellationToken ct)
    {
        var revocationsBefore = Interlocked.Read(ref _revocations);
        var stored = await LoadAsync(keyId, now, ct);
        if (stored is null)
        {
            _cache.TryRemove(keyId, out _);
            return null;
        }
        // Bounded by the number of keys in the table. A row read while this process revoked a key may predate the
        // revocation: use it for this request only.
        if (Interlocked.Read(ref _revocations) == revocationsBefore) _cache[keyId] = stored;
        return Check(stored, presented.AsSpan(SecretStart)); // parsed by ValidateAsync
    }

    private static ApiKeyInfo? Check(StoredKey stored, ReadOnlySpan<char> secret)
    {
        if (stored.Info.RevokedAt is not null) return null;
        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        Hash(stored.Salt, secret, actual);
        return CryptographicOperations.FixedTimeEquals(stored.Hash, actual) ? stored.Info : null;
    }

    private async Task<StoredKey?> LoadAsync(string keyId, DateTimeOffset now, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select key_id, tenant_id, role, name, created_at, revoked_at, salt, hash, person_id from {Table} where key_id = $1");
        cmd.Parameters.AddWithValue(keyId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var info = Info(r) with { PersonId = r.IsDBNull(8) ? null : r.GetString(8) };
        return new StoredKey(info, r.GetFieldValue<byte[]>(6), r.GetFieldValue<byte[]>(7), now);
    }

    public async Task<IReadOnlyList<ApiKeyInfo>> ListAsync(string? organisation, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            $"select key_id, tenant_id, role, name, created_at, revoked_at, person_id from {Table} where $1::text is null or tenant_id = $1 order by created_at, key_id");
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)organisation ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var list = new List<ApiKeyInfo>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            list.Add(Info(r) with { PersonId = r.IsDBNull(6) ? null : r.GetString(6) });
        return list;
    }

    private static ApiKeyInfo Info(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.IsDBNull(5) ? null : r.GetFieldValue<DateTimeOffset>(5));

    public async Task<bool> RevokeAsync(string keyId, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"update {Table} set revoked_at = $2 where key_id = $1 and revoked_at is null");
        cmd.Parameters.AddWithValue(keyId);
        cmd.Parameters.AddWithValue(clock.GetUtcNow());
        var revoked = await cmd.ExecuteNonQueryAsync(ct) == 1;
        // After the commit: the next request re-reads the row and sees the revocation.
        Interlocked.Increment(ref _revocations);
        _cache.TryRemove(keyId, out _);
        return revoked;
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"select exists(select 1 from {Table} where revoked_at is null)");
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static byte[] Hash(byte[] salt, string secret)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        Hash(salt, secret, hash);
        return hash;
    }

    /// <summary>SHA-256(salt ‖ UTF-8 secret) into <paramref name="destination"/>; a secret is 64 hex characters.</summary>
    private static void Hash(byte[] salt, ReadOnlySpan<char> secret, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[salt.Length + System.Text.Encoding.UTF8.GetMaxByteCount(secret.Length)];
        salt.CopyTo(input);
        var written = System.Text.Encoding.UTF8.GetBytes(secret, input[salt.Length..]);
        SHA256.HashData(input[..(salt.Length + written)], destination);
    }
}
