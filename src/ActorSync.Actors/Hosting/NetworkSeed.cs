using System.Security.Cryptography;
using System.Text.Json;
using ActorSync.Actors.Configuration;
using ActorSync.Actors.Serialization;
using ActorSync.Domain.Common;
using ActorSync.Domain.Items;
using ActorSync.Domain.LegalEntities;

namespace ActorSync.Actors.Hosting;

/// <summary>The commands that put the network configuration into the entities.</summary>
public static class NetworkSeed
{
    public static readonly SourceId ConfigurationSource = new("configuration");

    public static IReadOnlyList<ICommand> Commands(NetworkSettings network, DateTimeOffset now)
    {
        var commands = new List<ICommand>();
        foreach (var (id, profile) in network.LegalEntities)
        {
            commands.Add(new ConfigureLegalEntity(id, profile, Stamp("LegalEntity", id.Value, profile, now)));
            foreach (var site in profile.Sites)
            {
                foreach (var product in profile.Products)
                {
                    var key = new ItemKey(site.Id, product.Item);
                    commands.Add(new MapItem(key, id, product.ErpProduct, product.Conversion, product.ReorderThreshold, product.ReorderQuantity,
                        Stamp(Domain.Items.ItemState.MappingResource, key.ToString(), product, now)));
                }
            }
        }
        return commands;
    }

    private static SourceStamp Stamp(string type, string id, object content, DateTimeOffset now)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(content, content.GetType(), ActorSyncSerializer.Options);
        var fingerprint = Convert.ToHexString(SHA256.HashData(json))[..32];
        return new SourceStamp(ConfigurationSource, type, id, 0, fingerprint, now);
    }
}
