using System.Text.Json.Nodes;
using ActorSync.OdooSim.Domains;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Orm;

/// <summary>search(): domain, record rules, the implicit active filter, order, offset and limit.</summary>
internal static class Query
{
    public static List<Row> Search(Env env, Model model, JsonNode? domain, int offset = 0, int? limit = null, string? order = null)
    {
        var predicate = Domain.Compile(env, model, domain);
        var activeTest = model.Fields.Has("active") && !Domain.Mentions(domain, "active") && IsTrue(env.Context["active_test"]);
        var rows = env.All(model.Name)
            .Where(row => Access.Visible(env, model, row))
            .Where(row => !activeTest || row.Bool("active"))
            .Where(predicate);
        var sorted = Sort(env, model, rows, string.IsNullOrWhiteSpace(order) ? model.Order : order);
        var page = sorted.Skip(offset);
        return (limit is int max ? page.Take(max) : page).ToList();
    }

    private static bool IsTrue(JsonNode? node) => node is null || ValueCodec.Truthy(node);

    /// <summary>Sorts like PostgreSQL: NULLs last ascending, first descending; many2one by display name.</summary>
    public static IEnumerable<Row> Sort(Env env, Model model, IEnumerable<Row> rows, string order)
    {
        var keys = order.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(term =>
        {
            var words = term.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var field = model.Fields[words[0]];
            if (field is null || field.Hidden)
                throw OdooError.ValueError($"Invalid field {PyRepr.Str(words[0])} on model {PyRepr.Str(model.Name)}");
            var descending = words.Length > 1 && words[1].Equals("desc", StringComparison.OrdinalIgnoreCase);
            return (Field: field, Descending: descending);
        }).ToList();
        if (keys.Count == 0) return rows;
        IOrderedEnumerable<Row>? sorted = null;
        foreach (var (field, descending) in keys)
        {
            IComparable? Key(Row row) => SortKey(env, model, row, field);
            var comparer = NullsLast.Instance;
            sorted = sorted is null
                ? descending ? rows.OrderByDescending(Key, comparer) : rows.OrderBy(Key, comparer)
                : descending ? sorted.ThenByDescending(Key, comparer) : sorted.ThenBy(Key, comparer);
        }
        return sorted!;
    }

    private static IComparable? SortKey(Env env, Model model, Row row, FieldDef field)
    {
        var value = ValueCodec.Get(env, model, row, field);
        return value switch
        {
            int id when field.Type == FieldType.Many2one => env.DisplayName(field.Comodel!, id).ToUpperInvariant(),
            string s => s.ToUpperInvariant(),
            double or long or int => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
            bool b => b,
            _ => null,
        };
    }

    /// <summary>NULL is larger than any value, as in PostgreSQL (so last ascending, first descending).</summary>
    private sealed class NullsLast : IComparer<IComparable?>
    {
        public static readonly NullsLast Instance = new();

        public int Compare(IComparable? x, IComparable? y)
        {
            if (x is null) return y is null ? 0 : 1;
            if (y is null) return -1;
            return x.CompareTo(y);
        }
    }
}
