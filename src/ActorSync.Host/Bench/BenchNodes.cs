using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using Akka.Configuration;

namespace ActorSync.Host.Bench;

/// <summary>Nodes the benchmarks start: on a free port, a folder of their own, and the store asked for.</summary>
internal static class BenchNodes
{
    public static NodeOptions Options(string store, string hoconFolder, IReadOnlyList<string> configFiles, string folder, string? pgConnection, string extraHocon = "", bool seedNetwork = false)
    {
        // The connection comes from the bench, never from ACTORSYNC_PG_CONNECTION of the machine.
        var overrides = "akka.remote.dot-netty.tcp.port = 0\nakka.loglevel = WARNING\nactorsync.storage.postgresql.connection-string-env = \"\"\n" + extraHocon;
        if (pgConnection is not null)
            overrides += $"\nactorsync.storage.postgresql.connection-string = {HoconText.Quote(pgConnection)}\n";
        return new NodeOptions
        {
            HoconFolder = hoconFolder,
            ConfigFiles = store == "postgresql" ? [Path.Combine(hoconFolder, "persistence-postgresql.conf"), .. configFiles] : configFiles,
            DataDir = folder,
            Overrides = ConfigurationFactory.ParseString(overrides),
            SeedNetwork = seedNetwork,
        };
    }
}
