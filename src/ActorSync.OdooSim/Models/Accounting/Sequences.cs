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
    public static string Next(IEnumerable<string?> existing, string head, int digits)
    {
        var last = existing
            .Where(name => name is not null && name.StartsWith(head, StringComparison.Ordinal))
            .Select(name => int.TryParse(name![head.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return head + (last + 1).ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

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
        var names = env.Referencing("account.move", "journal_id", journal.Id).Select(m => m.Str("name"));
        return Next(names, head, monthly ? 4 : 5);
    }
}
