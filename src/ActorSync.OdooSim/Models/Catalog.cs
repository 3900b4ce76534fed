using ActorSync.OdooSim.Models.Accounting;
using ActorSync.OdooSim.Models.Base;
using ActorSync.OdooSim.Models.Stock;
using ActorSync.OdooSim.Orm;

namespace ActorSync.OdooSim.Models;

/// <summary>The installed "modules": base, account, analytic, product, stock and purchase, trimmed to what ActorSync uses.</summary>
internal static class Catalog
{
    public static Registry Build() => new(
    [
        new Companies(), new Currencies(), new Countries(), new Uoms(), new Users(), new Partners(), new ExternalIds(),
        new Accounts(), new Taxes(), new Journals(), new PaymentMethodLines(), new Moves(), new MoveLines(),
        new Payments(), new PaymentRegister(), new ChartTemplate(), new AnalyticPlans(), new AnalyticAccounts(),
        new Products(), new ProductTemplates(),
        new Locations(), new Warehouses(), new PickingTypes(), new Pickings(), new StockMoves(), new Quants(), new Scraps(),
        new PurchaseOrders(), new PurchaseOrderLines(),
    ]);
}
