using System.Security.Cryptography;
using System.Text;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Privacy;

/// <summary>
/// Personal fields — displayName and email on person_hired, evidence and assessorId on skill_assessed — are stored as
/// "enc:v1:" + base64(nonce ‖ ciphertext ‖ tag), AES-256-GCM under the person's own key, with the organisation and
/// person as associated data (a value cannot be moved to another person). Destroying the key erases every such value
/// at once, while the events, their hash chain (which covers the ciphertext) and every aggregate stay intact.
/// </summary>
public static class PersonalDataCipher
{
    public const string Prefix = "enc:v1:";
    public const string ErasedMarker = "[erased]";

    public static bool HasPersonalData(ILedgerEvent e) => e switch
    {
        PersonHired h => h.DisplayName is not null || h.Email is not null,
        SkillAssessed a => a.Evidence is not null || a.AssessorId is not null,
        _ => false,
    };

    public static ILedgerEvent Protect(ILedgerEvent e, string organisation, byte[] key)
    {
        using var aes = new AesGcm(key, 16);
        return Protect(e, organisation, aes);
    }

    /// <summary>With the person's cipher already set up: a batch encrypts many values per person, and setting up costs more than encrypting.</summary>
    public static ILedgerEvent Protect(ILedgerEvent e, string organisation, AesGcm personKey) => e switch
    {
        PersonHired h => h with { DisplayName = Encrypt(h.DisplayName, organisation, h.PersonId, personKey), Email = Encrypt(h.Email, organisation, h.PersonId, personKey) },
        SkillAssessed a => a with { Evidence = Encrypt(a.Evidence, organisation, a.PersonId, personKey), AssessorId = Encrypt(a.AssessorId, organisation, a.PersonId, personKey) },
        _ => e,
    };

    /// <summary>The readable value, or "[erased]" when the person's key was destroyed.</summary>
    public static string Reveal(string stored, string organisation, string personId, byte[]? key)
    {
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal)) return stored;
        if (key is null) return ErasedMarker;
        var blob = Convert.FromBase64String(stored[Prefix.Length..]);
        var plain = new byte[blob.Length - 28];
        using var aes = new AesGcm(key, 16);
        aes.Decrypt(blob.AsSpan(0, 12), blob.AsSpan(12, plain.Length), blob.AsSpan(12 + plain.Length, 16), plain, Context(organisation, personId));
        return Encoding.UTF8.GetString(plain);
    }

    private static string? Encrypt(string? plaintext, string organisation, string personId, AesGcm aes)
    {
        if (plaintext is null) return null;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[12 + plain.Length + 16];
        RandomNumberGenerator.Fill(blob.AsSpan(0, 12));
        aes.Encrypt(blob.AsSpan(0, 12), plain, blob.AsSpan(12, plain.Length), blob.AsSpan(12 + plain.Length, 16), Context(organisation, personId));
        return Prefix + Convert.ToBase64String(blob);
    }

    private static byte[] Context(string organisation, string personId) => Encoding.UTF8.GetBytes(organisation + "\n" + personId);
}
