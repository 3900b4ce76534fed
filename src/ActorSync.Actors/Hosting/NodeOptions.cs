using Akka.Configuration;

namespace ActorSync.Actors.Hosting;

/// <summary>How to start a node: which HOCON to read and what to put over it.</summary>
public sealed record NodeOptions
{
    /// <summary>Folder with cluster.conf, persistence-sqlite.conf and network.conf.</summary>
    public string HoconFolder { get; init; } = Configuration.HoconFiles.DefaultFolder();

    /// <summary>Files layered over the defaults, later ones winning (e.g. persistence-postgresql.conf).</summary>
    public IReadOnlyList<string> ConfigFiles { get; init; } = [];

    /// <summary>Overrides <c>actorsync.storage.data-dir</c>.</summary>
    public string? DataDir { get; init; }

    /// <summary>HOCON put over everything (tests: port 0, a PostgreSQL connection string, ...).</summary>
    public Config? Overrides { get; init; }

    /// <summary>Send the network configuration to the legal entity and item entities once the node is up.</summary>
    public bool SeedNetwork { get; init; } = true;
}
