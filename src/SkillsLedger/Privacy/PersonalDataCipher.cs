using System.Security.Cryptography;
using System.Text;
using SkillsLedger.Domain.Events;

namespace SkillsLedger.Privacy;

/// <summary>
/// Personal fields — each event type declares its own (today displayName and email on person_hired, evidence and
/// assessorId on skill_assessed) — are stored as
/// "enc:v1:" + base64(nonce ‖ ciphertext ‖ tag), AES-256-GCM under the person's own key, with the organisation and
/// person as associated data (a value cannot be moved to another person). Destroying the key erases every such value
/// at once, while the events, their hash chain (which covers the ciphertext) and every aggregate stay intact.
/// </summary>
public static class PersonalDataCipher
{
    public const string Prefix = "enc:v1:";
    public const string ErasedMarker = "[erased]";

    /// <summary>Which fields are personal is each event type's own declaration (IPersonEvent.MapPersonalData in its file).</summary>
    public static bool HasPersonalData(ILedgerEvent e) => e is IPersonEvent p && p.HasPersonalData();

    public static ILedgerEvent Protect(ILedgerEvent e, string organisation, byte[] key)
    {
        using var aes = new AesGcm(key, 16);
        return Protect(e, organisation, aes);
    }

    /// <summary>With the person's cipher already set up: a batch encrypts many values per person, and setting up costs more than encrypting.</summary>
    public static ILedgerEvent Protect(ILedgerEvent e, string organisation, AesGcm personKey)
    {
        if (!HasPersonalData(e)) return e;
        // The associated data, built once for the event's fields (the import encrypts ~100k values a second).
        var person = (IPersonEvent)e;
        var context = Context(organisation, person.PersonId);
        return person.MapPersonalData(value => Encrypt(value, context, personKey));
    }

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

    private static string? Encrypt(string? plaintext, byte[] context, AesGcm aes)
    {
        if (plaintext is null) return null;
        // nonce ‖ ciphertext ‖ tag in one pooled buffer, then straight into the result string: no array per step.
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var blobLength = 12 + plainLength + 16;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(blobLength + plainLength);
        try
        {
            var blob = rented.AsSpan(0, blobLength);
            var plain = rented.AsSpan(blobLength, plainLength);
            Encoding.UTF8.GetBytes(plaintext, plain);
            RandomNumberGenerator.Fill(blob[..12]);
            aes.Encrypt(blob[..12], plain, blob.Slice(12, plainLength), blob.Slice(12 + plainLength, 16), context);
            plain.Clear(); // the plaintext does not linger in a shared pool
            var length = Prefix.Length + (blobLength + 2) / 3 * 4;
            var chars = System.Buffers.ArrayPool<char>.Shared.Rent(length);
            Prefix.CopyTo(chars);
            Convert.TryToBase64Chars(blob, chars.AsSpan(Prefix.Length), out _);
            var text = new string(chars, 0, length);
            System.Buffers.ArrayPool<char>.Shared.Return(chars);
            return text;
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(rented); }
    }

    private static byte[] Context(string organisation, string personId) => Encoding.UTF8.GetBytes(organisation + "\n" + personId);
}
