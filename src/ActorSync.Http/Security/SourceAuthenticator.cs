using System.Security.Cryptography;
using System.Text;
using ActorSync.Actors.Configuration;

namespace ActorSync.Http.Security;

/// <summary>
/// Who is sending: <c>Authorization: Bearer &lt;token&gt;</c>, or HTTP Basic with the source's name as
/// the user and the token as the password. Tokens are compared by their SHA-256 in constant time
/// and never kept or logged.
/// </summary>
public sealed class SourceAuthenticator(IReadOnlyList<SourceSettings> sources)
{
    /// <summary>The source the header proves, or null (missing, malformed or wrong credential).</summary>
    public SourceSettings? Authenticate(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
            return null;
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
            return null;
        var scheme = authorization[..space];
        var value = authorization[(space + 1)..].Trim();
        if (scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
            return Match(SourceSettings.Hash(value), sources);
        if (scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && DecodeBasic(value) is var (user, password))
            return Match(SourceSettings.Hash(password), sources.Where(s => s.Id.Value == user));
        return null;
    }

    private static SourceSettings? Match(byte[] hash, IEnumerable<SourceSettings> candidates)
    {
        SourceSettings? found = null;
        // Every candidate is compared, so the time taken does not tell which one (nearly) matched.
        foreach (var source in candidates)
            if (source.CredentialSha256 is { } expected && CryptographicOperations.FixedTimeEquals(expected, hash))
                found ??= source;
        return found;
    }

    private static (string User, string Password)? DecodeBasic(string value)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(value));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? (text[..colon], text[(colon + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
