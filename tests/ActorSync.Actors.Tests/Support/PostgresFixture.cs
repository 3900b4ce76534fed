using ActorSync.Storage;
using Xunit;

namespace ActorSync.Actors.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL server for the PostgreSQL test collection; every test takes a database
/// of its own. These tests never skip: a machine without the server binaries fails them, loudly.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private LocalPostgresServer? _server;
    private int _databases;

    public LocalPostgresServer Server => _server ?? throw new InvalidOperationException("the PostgreSQL server did not start");

    public async Task<string> NewDatabaseAsync() => await Server.CreateDatabaseAsync($"test_{Interlocked.Increment(ref _databases)}");

    public async Task InitializeAsync() => _server = await LocalPostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
