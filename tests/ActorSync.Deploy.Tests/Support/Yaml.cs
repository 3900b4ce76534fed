using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ActorSync.Deploy.Tests.Support;

/// <summary>
/// YAML as plain objects (maps, lists, strings), merge keys (<c>&lt;&lt;: *anchor</c>) resolved as
/// compose resolves them, and a few accessors that fail naming the path that is missing.
/// </summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    /// <summary>Every document of a file (Kubernetes files hold several, separated by ---).</summary>
    public static IReadOnlyList<object> Documents(string relativePath)
    {
        using var reader = new StringReader(Repo.Read(relativePath));
        var parser = new MergingParser(new Parser(reader));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (!parser.Accept<StreamEnd>(out _))
            documents.Add(Deserializer.Deserialize<object>(parser) ?? throw new InvalidDataException($"{relativePath}: an empty document"));
        return documents;
    }

    /// <summary>The node at a dotted path ("spec.ports.0.name"; "" is the node itself), or null.</summary>
    public static object? Find(this object? node, string path)
    {
        foreach (var key in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node switch
            {
                IDictionary<object, object> map => map.TryGetValue(key, out var value) ? value : null,
                IList<object> list when int.TryParse(key, out var index) && index < list.Count => list[index],
                _ => null,
            };
        }
        return node;
    }

    public static object Get(this object node, string path) => node.Find(path) ?? throw new KeyNotFoundException($"'{path}' is missing");

    public static string Text(this object node, string path) => node.Get(path) as string ?? throw new InvalidDataException($"'{path}' is not a scalar");

    public static int Int(this object node, string path) => int.Parse(node.Text(path), System.Globalization.CultureInfo.InvariantCulture);

    public static IReadOnlyList<object> List(this object node, string path) =>
        node.Get(path) as IList<object> is { } list ? [.. list] : throw new InvalidDataException($"'{path}' is not a list");

    public static IReadOnlyList<object> ListOrEmpty(this object node, string path) => node.Find(path) is null ? [] : node.List(path);

    public static IReadOnlyDictionary<string, object> Map(this object node, string path) =>
        node.Get(path) is IDictionary<object, object> map
            ? map.ToDictionary(e => (string)e.Key, e => e.Value)
            : throw new InvalidDataException($"'{path}' is not a map");

    public static IReadOnlyList<string> Strings(this object node, string path) => [.. node.List(path).Cast<string>()];
}
