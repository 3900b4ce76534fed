using ActorSync.OdooSim;
using Npgsql;

namespace ActorSync.Host.Chaos;

/// <summary>What a chaos run must prove at the end, read straight from the journal and from the simulator.</summary>
internal static class ChaosChecks
{
    /// <summary>Journal rows of entities and sinks (ids <c>type|id</c>; the sharding coordinators' own journals delete old events), and how many (persistence id, sequence number) pairs repeat or are missing in a sequence.</summary>
    public static async Task<(long Events, long Repeated, long Gaps)> JournalAsync(string connection, CancellationToken ct)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*), count(*) - count(DISTINCT (persistence_id, sequence_nr)) FROM event_journal WHERE persistence_id LIKE '%|%'", db);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var (events, repeated) = (reader.GetInt64(0), reader.GetInt64(1));
        await reader.CloseAsync();
        // A persistence id written by two nodes at once would show as a repeat (refused) or a hole in its numbers.
        await using var holes = new NpgsqlCommand("SELECT coalesce(sum(max_nr - n), 0) FROM (SELECT persistence_id, max(sequence_nr) AS max_nr, count(DISTINCT sequence_nr) AS n FROM event_journal WHERE persistence_id LIKE '%|%' GROUP BY persistence_id) p", db);
        var gaps = Convert.ToInt64(await holes.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        return (events, repeated, gaps);
    }

    /// <summary>Records of one posting in Odoo beyond the first, by the field each kind carries the posting key in.</summary>
    public static int DuplicatePostings(OdooSimulator odoo) =>
        Repeats(odoo, "account.move", "ref") + Repeats(odoo, "account.payment", "memo") + Repeats(odoo, "stock.picking", "origin") + Repeats(odoo, "purchase.order", "origin");

    private static int Repeats(OdooSimulator odoo, string model, string field) =>
        odoo.Records(model).Select(r => r[field] as string).Where(k => !string.IsNullOrEmpty(k)).GroupBy(k => k).Sum(g => g.Count() - 1);
}
