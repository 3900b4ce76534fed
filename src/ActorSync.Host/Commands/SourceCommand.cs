using System.CommandLine;
using System.Security.Cryptography;
using ActorSync.Actors.Configuration;

namespace ActorSync.Host.Commands;

/// <summary><c>actorsync source credential</c>: a new random token for a FHIR source, and the hash the configuration keeps.</summary>
internal static class SourceCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The source's name under actorsync.sources, e.g. northwind-ehr" };
        var credential = new Command("credential", "Make a random token for a source; print it once, with the SHA-256 for its configuration") { name };
        credential.SetAction(parse =>
        {
            var source = parse.GetValue(name)!;
            // 32 random bytes: a token, not a password, so a plain SHA-256 in the configuration is enough.
            var token = Base64Url(RandomNumberGenerator.GetBytes(32));
            Console.WriteLine($"Token for {source} (give it to the sender; it is not stored anywhere):");
            Console.WriteLine($"  {token}");
            Console.WriteLine("Configuration (hocon/ingest.conf, or a --config file):");
            Console.WriteLine($"  actorsync.sources.{HoconText.Quote(source)}.credential-sha256 = \"{Convert.ToHexString(SourceSettings.Hash(token)).ToLowerInvariant()}\"");
            return ExitCodes.Ok;
        });
        return new Command("source", "FHIR sources: the systems allowed to send to a node") { credential };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
