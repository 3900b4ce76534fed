using System.Security.Cryptography;
using ActorSync.Actors.Configuration;

namespace ActorSync.Http.Management;

/// <summary>Which operator a <c>Authorization: Bearer &lt;token&gt;</c> proves; SHA-256 compared in constant time, tokens never kept.</summary>
public sealed class OperatorAuthenticator(IReadOnlyList<OperatorSettings> operators)
{
    public OperatorSettings? Authenticate(string? authorization)
    {
        const string bearer = "Bearer ";
        if (authorization is null || !authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return null;
        var hash = SourceSettings.Hash(authorization[bearer.Length..].Trim());
        OperatorSettings? found = null;
        foreach (var candidate in operators)
            if (candidate.CredentialSha256 is { } expected && CryptographicOperations.FixedTimeEquals(expected, hash))
                found ??= candidate;
        return found;
    }
}
