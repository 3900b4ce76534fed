using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>A balanced journal entry: <c>account.move</c> of type entry with <c>line_ids</c>, posted. The key is its <c>ref</c>.</summary>
public sealed class JournalEntryKind : PostingKind<JournalEntryPosting>
{
    public override string Model => "account.move";
    public override string MarkerField => "ref";

    public override async Task<JsonObject> ValuesAsync(JournalEntryPosting posting, PostingScope scope, CancellationToken ct)
    {
        var lines = new List<JsonObject>();
        foreach (var line in posting.Lines)
        {
            var values = new JsonObject
            {
                ["account_id"] = await OdooValues.AccountAsync(line.AccountCode, scope, ct).ConfigureAwait(false),
                ["name"] = line.Label,
                ["debit"] = line.Debit.Amount,
                ["credit"] = line.Credit.Amount,
            };
            if (line.Partner is not null)
                values["partner_id"] = await OdooValues.PartnerAsync(line.Partner, scope, ct).ConfigureAwait(false);
            if (await OdooValues.AnalyticAsync(line.AnalyticAccount, scope, ct).ConfigureAwait(false) is { } analytic)
                values["analytic_distribution"] = analytic;
            lines.Add(values);
        }
        return new JsonObject
        {
            ["move_type"] = "entry",
            ["company_id"] = scope.Company.Id,
            ["journal_id"] = await OdooValues.JournalAsync(posting.JournalCode, scope, ct).ConfigureAwait(false),
            ["date"] = OdooValues.Date(posting.Date),
            ["ref"] = MarkerOf(posting),
            ["line_ids"] = OdooValues.Lines(lines),
        };
    }

    public override Task FinishAsync(IReadOnlyList<PostedRecord<JournalEntryPosting>> records, PostingScope scope, CancellationToken ct) =>
        MoveStates.PostDraftsAsync(Model, records, scope, ct);
}
