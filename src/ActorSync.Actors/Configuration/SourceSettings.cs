using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using ActorSync.Domain.Common;
using Akka.Configuration;

namespace ActorSync.Actors.Configuration;

/// <summary>
/// One system that sends FHIR over HTTP (an EHR, a billing platform), bound from
/// <c>actorsync.sources.&lt;name&gt;</c>: the SHA-256 of its credential (the credential itself is
/// never kept), the sites it may write for, and its own site for resources that name none.
/// </summary>
public sealed record SourceSettings(SourceId Id, byte[]? CredentialSha256, ImmutableHashSet<SiteId>? Sites, SiteId? OwnSite)
{
    private const string Root = "actorsync.sources";

    /// <summary>Sources without a usable credential cannot authenticate; the list says why, for the node to report.</summary>
    public static (IReadOnlyList<SourceSettings> Sources, IReadOnlyList<string> Warnings) From(Config config, NetworkSettings network, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var sources = new List<SourceSettings>();
        var warnings = new List<string>();
        var knownSites = network.LegalEntities.Values.SelectMany(e => e.Sites).Select(s => s.Id).ToHashSet();
        foreach (var name in HoconRead.Keys(config, Root))
        {
            var path = $"{Root}.{name}";
            var c = config.GetConfig($"{Root}.{HoconRead.QuoteKey(name)}");
            var sites = c.HasPath("sites") ? c.GetStringList("sites").ToList() : throw new ConfigurationProblem($"{path}.sites is missing (a list of site ids, or [\"*\"] for every site)");
            var scope = sites.Contains("*") ? null : sites.Select(s => new SiteId(s)).ToImmutableHashSet();
            foreach (var site in scope ?? [])
                if (!knownSites.Contains(site))
                    throw new ConfigurationProblem($"{path}.sites: {site} is not a site of the network");
            SiteId? own = c.HasPath("site") ? new SiteId(HoconRead.Required(c, "site", path)) : scope is { Count: 1 } ? scope.First() : null;
            if (own is { } o && (!knownSites.Contains(o) || scope?.Contains(o) == false))
                throw new ConfigurationProblem($"{path}.site: {o} is not one of the source's sites");
            var hash = Credential(c, path, environment, warnings);
            sources.Add(new SourceSettings(new SourceId(name), hash, scope, own));
        }
        return (sources, warnings);
    }

    public static byte[] Hash(string credential) => SHA256.HashData(Encoding.UTF8.GetBytes(credential));

    /// <summary>A credential's SHA-256 from <c>credential-sha256</c> or <c>credential-env</c> (sources and operators alike); null, with a warning, when neither is usable.</summary>
    internal static byte[]? Credential(Config c, string path, Func<string, string?> environment, List<string> warnings)
    {
        if (c.GetString("credential-sha256", null) is { Length: > 0 } hex)
        {
            try
            {
                var bytes = Convert.FromHexString(hex);
                return bytes.Length == 32 ? bytes : throw new FormatException();
            }
            catch (FormatException)
            {
                throw new ConfigurationProblem($"{path}.credential-sha256 is not a SHA-256 in hex (64 characters); `actorsync source credential` prints one");
            }
        }
        if (c.GetString("credential-env", null) is { Length: > 0 } variable)
        {
            if (environment(variable) is { Length: > 0 } secret)
                return secret.Length >= 16 ? Hash(secret) : throw new ConfigurationProblem($"{path}: the credential in ${variable} is shorter than 16 characters");
            warnings.Add($"{path}: ${variable} is not set, so it cannot authenticate");
            return null;
        }
        warnings.Add($"{path}: neither credential-sha256 nor credential-env is set, so it cannot authenticate");
        return null;
    }
}
