using System.Security.Cryptography;
using System.Text;

namespace ActorSync.Fhir.Mapping;

/// <summary>
/// Patient identity never leaves the clinical side in the clear: entities keep a keyed pseudonym
/// (HMAC-SHA256 of the patient reference). The same patient gets the same pseudonym under one key;
/// without the key the pseudonym cannot be traced back or recomputed from a guessed identifier.
/// </summary>
public sealed class Pseudonymizer
{
    private readonly byte[] _key;

    public Pseudonymizer(byte[] key)
    {
        if (key.Length < 16)
            throw new ArgumentException("the pseudonym key needs at least 16 bytes", nameof(key));
        _key = key;
    }

    /// <summary>The key from an environment variable (base64 or text), never from committed configuration.</summary>
    public static Pseudonymizer FromEnvironment(string variable)
    {
        var text = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(text))
            throw new InvalidOperationException($"the pseudonym key is missing: set the environment variable {variable}");
        Span<byte> decoded = stackalloc byte[text.Length];
        return new Pseudonymizer(Convert.TryFromBase64String(text, decoded, out var length) ? decoded[..length].ToArray() : Encoding.UTF8.GetBytes(text));
    }

    public string Pseudonym(string patientReference) =>
        "pt-" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(patientReference)), 0, 12);
}
