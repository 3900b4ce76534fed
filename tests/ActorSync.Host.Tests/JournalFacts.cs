using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace ActorSync.Host.Tests;

/// <summary>What a node's SQLite journal says should be in Odoo: issued invoices (and their totals), payments, consumptions.</summary>
internal sealed record JournalFacts(int Issued, decimal IssuedTotal, int Payments, int Consumptions)
{
    public static JournalFacts Read(string workingDirectory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(workingDirectory, "data", "actorsync.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT manifest, payload FROM event_journal WHERE manifest IN ('invoice-issued.v1', 'payment-received.v1', 'item-consumed.v1')";
        using var reader = command.ExecuteReader();
        var (issued, total, payments, consumptions) = (0, 0m, 0, 0);
        while (reader.Read())
        {
            switch (reader.GetString(0))
            {
                case "invoice-issued.v1":
                    issued++;
                    using (var e = JsonDocument.Parse((byte[])reader["payload"]))
                        total += decimal.Parse(e.RootElement.GetProperty("total").GetProperty("amount").GetString()!, CultureInfo.InvariantCulture);
                    break;
                case "payment-received.v1":
                    payments++;
                    break;
                default:
                    consumptions++;
                    break;
            }
        }
        return new JournalFacts(issued, total, payments, consumptions);
    }
}
