using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ActorSync.Storage;

/// <summary>
/// A throwaway PostgreSQL server for tests, benchmarks and the chaos run: initdb into a temp folder,
/// trust authentication, a free loopback port, removed again on dispose. Needs only the server
/// binaries (Debian layout: /usr/lib/postgresql/&lt;version&gt;/bin). initdb refuses to run as root,
/// so as root it runs as the <c>postgres</c> user.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asPostgresUser;

    private LocalPostgresServer(string bin, string root, int port, bool asPostgresUser)
    {
        _bin = bin;
        _root = root;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    private string DataDir => Path.Combine(_root, "data");

    /// <summary>Where the binaries are, or null when PostgreSQL is not installed.</summary>
    public static string? FindBinaries()
    {
        var fromEnv = Environment.GetEnvironmentVariable("ACTORSYNC_PG_BIN");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(Path.Combine(fromEnv, "initdb")))
            return fromEnv;
        const string debianRoot = "/usr/lib/postgresql";
        if (!Directory.Exists(debianRoot))
            return null;
        return Directory.GetDirectories(debianRoot)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
            .FirstOrDefault();
    }

    /// <param name="durable">false turns fsync off: fine for tests, wrong for benchmarks.</param>
    public static async Task<LocalPostgresServer> StartAsync(bool durable = false, CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found (looked in /usr/lib/postgresql/*/bin and $ACTORSYNC_PG_BIN). Install the postgresql package.");
        var root = Path.Combine(Path.GetTempPath(), "actorsync-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var asPostgresUser = Environment.UserName == "root";
        if (asPostgresUser)
            await RunAsync("chown", ["postgres:postgres", root], false, cancellationToken);

        var server = new LocalPostgresServer(bin, root, FreeLoopbackPort(), asPostgresUser);
        try
        {
            await server.InitAndStartAsync(durable, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task InitAndStartAsync(bool durable, CancellationToken ct)
    {
        await RunAsync(Path.Combine(_bin, "initdb"), ["-D", DataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], _asPostgresUser, ct);
        var options = $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync={(durable ? "on" : "off")}"
            + (durable ? "" : " -c synchronous_commit=off -c full_page_writes=off");
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start"], _asPostgresUser, ct);
    }

    /// <summary>A connection string to a database of this server, created if it does not exist.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
            exists.Parameters.AddWithValue("n", name);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Database = database, Username = "postgres", Pooling = true, MaxPoolSize = 100 }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
        {
            try
            {
                await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"], _asPostgresUser, CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Already gone; the folder is removed all the same.
            }
        }
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS later.
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, IReadOnlyList<string> args, bool asPostgresUser, CancellationToken ct)
    {
        var start = asPostgresUser
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", file, .. args])
            : new ProcessStartInfo(file, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited with {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}");
    }
}
