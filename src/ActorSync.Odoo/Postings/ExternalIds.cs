using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ActorSync.Domain.Postings;

namespace ActorSync.Odoo.Postings;

/// <summary>
/// Posting keys as Odoo external ids (<c>ir.model.data</c>, module <c>actorsync</c>). Odoo splits
/// <c>module.name</c> at the first dot, so names keep to [a-z0-9_]; a key that had to change gets
/// a hash of the original appended, so two keys never share a name.
/// </summary>
public static partial class ExternalIds
{
    public const string Module = "actorsync";
    private const int MaxReadable = 80;

    public static string NameOf(PostingKey key)
    {
        var readable = Unsafe().Replace(key.Value.ToLowerInvariant(), "_");
        if (readable == key.Value && readable.Length <= MaxReadable)
            return readable;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Value)))[..12];
        return $"{readable[..Math.Min(readable.Length, MaxReadable)]}_{hash}";
    }

    public static string FullNameOf(PostingKey key) => $"{Module}.{NameOf(key)}";

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex Unsafe();
}
