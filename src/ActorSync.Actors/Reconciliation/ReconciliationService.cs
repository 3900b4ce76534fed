using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Domain.Reconciliation;
using ActorSync.Odoo;
using ActorSync.Odoo.Postings;
using ActorSync.Odoo.Reconciliation;

namespace ActorSync.Actors.Reconciliation;

/// <summary>
/// A reconciliation on a running node: the posting ledger from the sinks' journals against what
/// Odoo holds, read back through the connector with the node's Odoo settings.
/// </summary>
public static class ReconciliationService
{
    public static async Task<ReconciliationReport> RunAsync(ActorSyncNode node, ReconciliationScope scope, CancellationToken ct) =>
        await RunAsync(node, await PostingLedgerReader.ReadAsync(node.System, node.Network, ct), scope, ct);

    public static async Task<ReconciliationReport> RunAsync(ActorSyncNode node, PostingLedger ledger, ReconciliationScope scope, CancellationToken ct)
    {
        using var odoo = new OdooClient(OdooSettings.From(node.Config).Connection);
        var reader = new OdooHoldingsReader(odoo);
        var holdings = new List<OdooHoldings>();
        foreach (var (id, profile) in node.Network.LegalEntities.Where(e => scope.LegalEntity is null || e.Key == scope.LegalEntity))
        {
            var known = ledger.Entries.Where(e => e.Posting.LegalEntity == id && e.OdooModel is not null && e.OdooId is not null)
                .Select(e => (e.OdooModel!, e.OdooId!.Value)).ToList();
            holdings.Add(await reader.ReadAsync(id, profile.OdooCompany, known, ct));
        }
        return Reconciler.Reconcile(scope, ledger.Entries, holdings,
            le => node.Network.LegalEntities[le].Accounts.Receivable, ExternalIds.NameOf);
    }
}
