using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using Akka.Configuration;

namespace ActorSync.Actors.Tests.Support;

/// <summary>Starts real nodes the way <c>actorsync node</c> does, on a free port and a store of the test's own.</summary>
internal static class TestNodes
{
    public static string HoconFolder => Path.Combine(AppContext.BaseDirectory, "hocon");

    public static NodeOptions Sqlite(string dataDir, string extraHocon = "") => new()
    {
        HoconFolder = HoconFolder,
        DataDir = dataDir,
        Overrides = ConfigurationFactory.ParseString(BaseOverrides + extraHocon),
    };

    public static NodeOptions Postgres(string connectionString, string extraHocon = "") => new()
    {
        HoconFolder = HoconFolder,
        ConfigFiles = [Path.Combine(HoconFolder, "persistence-postgresql.conf")],
        Overrides = ConfigurationFactory.ParseString(BaseOverrides + $"actorsync.storage.postgresql.connection-string = {HoconText.Quote(connectionString)}\n" + extraHocon),
    };

    private const string BaseOverrides = """
        akka.remote.dot-netty.tcp.port = 0
        akka.loglevel = WARNING
        akka.coordinated-shutdown.run-by-clr-shutdown-hook = off
        # Tests use their own throwaway server, never ACTORSYNC_PG_CONNECTION of the machine.
        actorsync.storage.postgresql.connection-string-env = ""

        """;
}

/// <summary>A temp folder removed when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "actorsync-test-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(Path))
            Directory.Delete(Path, recursive: true);
    }
}
