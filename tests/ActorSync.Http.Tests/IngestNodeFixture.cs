using System.Net.Http.Headers;
using System.Text;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.Tests.Support;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorSync.Http.Tests;

/// <summary>
/// A real node on SQLite with its FHIR endpoint on a free loopback port, and two sources: one
/// for the Northwind sites, one for Lakeside. Small body and line limits so the limits can be hit.
/// </summary>
public sealed class IngestNodeFixture : IAsyncLifetime
{
    public const string NorthwindToken = "northwind-test-token-0123456789";
    public const string LakesideToken = "lakeside-test-token-0123456789";
    public const int MaxBodyBytes = 256 * 1024;
    public const int MaxLineBytes = 16 * 1024;
    private readonly TempFolder _folder = new();

    public ActorSyncNode Node { get; private set; } = null!;
    public IngestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await ActorSyncNode.StartAsync(TestNodes.Sqlite(_folder.Path, $$"""
            actorsync.http { port = 0, max-body-size = {{MaxBodyBytes}}b, max-ndjson-line = {{MaxLineBytes}}b, max-import-size = 4 MiB }
            actorsync.sources {
              northwind-ehr { credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(NorthwindToken))}}", sites = ["nw-general", "nw-clinic"], site = "nw-general" }
              lakeside-ehr { credential-sha256 = "{{Convert.ToHexString(SourceSettings.Hash(LakesideToken))}}", sites = ["lakeside-hospital"] }
            }
            """));
        await Node.SeedNetworkAsync();
        Server = await IngestServer.StartAsync(Node);
    }

    public HttpClient Client(string? token = NorthwindToken)
    {
        var client = new HttpClient { BaseAddress = Server.Address };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static StringContent Fhir(string json, string mediaType = "application/fhir+json") => new(json, Encoding.UTF8, mediaType);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Node.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
