using System.Globalization;
using ActorSync.OdooSim.Runtime;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Models.Accounting;

/// <summary>
/// Document numbers, continued from the highest existing one with the same prefix, as Odoo does for
/// journal entries (so a rolled back call leaves no gap).
/// </summary>
internal static class Sequences
{
    /// <summary>
    /// The number after the highest "head + number" name among the model's rows (those whose
    /// <paramref name="within"/> many2one holds the id, when given). The model must be looked up by
    /// name. The first call scans every row; later ones start from the number last given and check
    /// the name index around it, which stays exact when a rolled back call took its number along.
    /// </summary>
    public static string Next(Env env, string model, string head, int digits, (string Field, int Id)? within = null)
    {
        var key = $"{model}|{head}|{within}";
        string Name(int n) => head + n.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
        bool Exists(int n) => env.Having(model, "name", Name(n)).Any(row => InScope(row, within));
        if (!env.Db.SequenceHints.TryGetValue(key, out var last))
            last = Highest(env.All(model).Where(row => InScope(row, within)).Select(row => row.Str("name")), head);
        while (last > 0 && !Exists(last)) last--;
        while (Exists(last + 1)) last++;
        env.Db.SequenceHints[key] = last + 1;
        return Name(last + 1);
    }

    private static bool InScope(Row row, (string Field, int Id)? within) => within is not { } w || row.Ref(w.Field) == w.Id;

    private static int Highest(IEnumerable<string?> names, string head) => names
        .Where(name => name is not null && name.StartsWith(head, StringComparison.Ordinal))
        .Select(name => int.TryParse(name![head.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
        .DefaultIfEmpty(0).Max();

    /// <summary>
    /// INV/2026/00001 (sale, bank and cash journals: yearly) or MISC/2021/01/0001 and BILL/2026/11/0001
    /// (purchase and general journals: monthly); refunds prefix the code with R.
    /// </summary>
    public static string MoveName(Env env, Row move)
    {
        var journal = env.Get("account.journal", move.Ref("journal_id"))!;
        var prefix = move.Str("move_type") is "out_refund" or "in_refund" ? "R" + journal.Str("code") : journal.Str("code");
        var date = move.Str("date") ?? env.Today;
        var monthly = journal.Str("type") is "purchase" or "general";
        var head = monthly ? $"{prefix}/{date[..4]}/{date[5..7]}/" : $"{prefix}/{date[..4]}/";
        return Next(env, "account.move", head, monthly ? 4 : 5, ("journal_id", journal.Id));
    }
}
