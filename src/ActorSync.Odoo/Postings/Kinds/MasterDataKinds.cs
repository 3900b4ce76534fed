using System.Text.Json.Nodes;
using ActorSync.Domain.Postings;
using ActorSync.Odoo.Lookup;

namespace ActorSync.Odoo.Postings.Kinds;

/// <summary>
/// Master data is upserted: created when missing, and brought up to date when it exists — found by
/// external id, or adopted by its natural key (a product's internal reference) when someone made it by hand.
/// </summary>
public abstract class UpsertKind<T> : PostingKind<T> where T : Posting
{
    public override async Task FinishAsync(IReadOnlyList<PostedRecord<T>> records, PostingScope scope, CancellationToken ct)
    {
        foreach (var record in records.Where(r => !r.Created))
        {
            if (await UpdateAsync(record.Posting, scope, ct).ConfigureAwait(false) is { Count: > 0 } values)
                await scope.Odoo.WriteAsync(Model, [record.Id], values, scope.Company.Id, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The values an existing record is brought up to date with; none leaves it as it is.</summary>
    protected abstract Task<JsonObject> UpdateAsync(T posting, PostingScope scope, CancellationToken ct);
}

/// <summary>A payer or vendor: a <c>res.partner</c> shared by all companies, its key as <c>ref</c>; existing ones renamed only when <paramref name="updateExisting"/>.</summary>
public sealed class PartnerKind(bool updateExisting = true) : UpsertKind<PartnerUpsert>
{
    public override string Model => "res.partner";
    public override string MarkerField => "ref";

    public override Task<JsonObject> ValuesAsync(PartnerUpsert posting, PostingScope scope, CancellationToken ct) =>
        Task.FromResult(new JsonObject { ["name"] = posting.Name, ["is_company"] = posting.IsCompany, ["ref"] = MarkerOf(posting) });

    protected override Task<JsonObject> UpdateAsync(PartnerUpsert posting, PostingScope scope, CancellationToken ct) =>
        Task.FromResult(updateExisting ? new JsonObject { ["name"] = posting.Name } : []);
}

/// <summary>
/// A department's <c>account.analytic.account</c> in the company, in the first analytic plan. The
/// mapping names analytic accounts by name, so the name is the marker: one made by hand is adopted.
/// </summary>
public sealed class AnalyticAccountKind : UpsertKind<AnalyticAccountUpsert>
{
    public override string Model => "account.analytic.account";
    public override string MarkerField => "name";
    public override string MarkerOf(AnalyticAccountUpsert posting) => posting.Name;

    public override async Task<JsonObject> ValuesAsync(AnalyticAccountUpsert posting, PostingScope scope, CancellationToken ct)
    {
        var values = new JsonObject
        {
            ["name"] = posting.Name,
            ["company_id"] = scope.Company.Id,
            ["plan_id"] = await OdooDirectory.Require(scope.Directory.FindAnalyticPlanAsync(scope.Company, ct), "analytic plan", "(any)", scope.Company).ConfigureAwait(false),
        };
        if (posting.Code is not null)
            values["code"] = posting.Code;
        return values;
    }

    protected override Task<JsonObject> UpdateAsync(AnalyticAccountUpsert posting, PostingScope scope, CancellationToken ct) =>
        Task.FromResult(posting.Code is null ? new JsonObject() : new JsonObject { ["code"] = posting.Code });
}

/// <summary>A storable <c>product.product</c> (Odoo 18+: type consu, is_storable), its internal reference as marker.</summary>
public sealed class ProductKind : UpsertKind<ProductUpsert>
{
    public override string Model => "product.product";
    public override string MarkerField => "default_code";
    public override string MarkerOf(ProductUpsert posting) => posting.DefaultCode;

    public override Task<JsonObject> ValuesAsync(ProductUpsert posting, PostingScope scope, CancellationToken ct) =>
        Task.FromResult(new JsonObject { ["name"] = posting.Name ?? posting.DefaultCode, ["default_code"] = posting.DefaultCode, ["type"] = "consu", ["is_storable"] = true });

    protected override Task<JsonObject> UpdateAsync(ProductUpsert posting, PostingScope scope, CancellationToken ct) =>
        Task.FromResult(posting.Name is null ? new JsonObject() : new JsonObject { ["name"] = posting.Name });
}
