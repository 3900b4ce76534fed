using ActorSync.Actors.Configuration;
using Akka.Configuration;

namespace ActorSync.Http;

/// <summary>The FHIR endpoint's address and limits, bound from <c>actorsync.http</c>.</summary>
public sealed record HttpSettings(bool Enabled, string Hostname, int Port, long MaxBodyBytes, long MaxImportBytes, int MaxNdjsonLineBytes, int MaxConcurrentRequests, int Parallelism)
{
    private const string Root = "actorsync.http";

    public static HttpSettings From(Config config)
    {
        var c = config.GetConfig(Root) ?? Config.Empty;
        long Bytes(string key, long fallback)
        {
            var value = c.HasPath(key) ? c.GetByteSize(key) : fallback;
            return value is > 0 ? value.Value : throw new ConfigurationProblem($"{Root}.{key} must be a positive size (e.g. 32 MiB)");
        }
        int Positive(string key, int fallback)
        {
            var value = c.GetInt(key, fallback);
            return value > 0 ? value : throw new ConfigurationProblem($"{Root}.{key} = {value} must be a positive number");
        }
        var port = c.GetInt("port", 8090);
        if (port is < 0 or > 65535)
            throw new ConfigurationProblem($"{Root}.port = {port} is not a TCP port");
        var line = Bytes("max-ndjson-line", 4 << 20);
        return new HttpSettings(
            c.GetBoolean("enabled", true),
            c.GetString("hostname", "127.0.0.1"),
            port,
            Bytes("max-body-size", 32 << 20),
            Bytes("max-import-size", 2L << 30),
            line <= int.MaxValue ? (int)line : throw new ConfigurationProblem($"{Root}.max-ndjson-line must be below 2 GiB"),
            Positive("max-concurrent-requests", 16),
            Positive("parallelism", 64));
    }
}
