using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Runtime;

/// <summary>
/// Odoo's environment for one call: the user, the allowed companies (the first is the active one),
/// the context and the transaction. <see cref="Su"/> is the superuser mode that business logic uses
/// for its own bookkeeping, bypassing multi-company rules.
/// </summary>
internal sealed class Env(Registry registry, Database db, Transaction tx, Row user, IReadOnlyList<int> companies, JsonObject context, DateTime now, bool su = false)
{
    public Registry Registry { get; } = registry;
    public Database Db { get; } = db;
    public Transaction Tx { get; } = tx;
    public Row User { get; } = user;
    public int Uid => User.Id;
    public IReadOnlyList<int> Companies { get; } = companies;
    public int CompanyId => Companies[0];
    public JsonObject Context { get; } = context;
    public DateTime Now { get; } = now;
    public bool Su { get; } = su;

    public string Today => Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string Timestamp => Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public Env Sudo() => new(Registry, Db, Tx, User, Companies, Context, Now, su: true);
    public Env WithAllCompanies(IReadOnlyList<int> companies) => new(Registry, Db, Tx, User, companies, Context, Now, Su);
    public Env WithCompany(int company) => new(Registry, Db, Tx, User, [company, .. Companies.Where(c => c != company)], Context, Now, Su);

    public Model Model(string name) => Registry[name];
    public Row? Get(string model, int id) => Db.Table(model).Get(id);
    public Row? Get(string model, int? id) => id is int i ? Get(model, i) : null;
    public IEnumerable<Row> All(string model) => Db.Table(model).Rows;
    public IEnumerable<Row> Referencing(string model, string field, int target) => Having(model, field, target);
    public IEnumerable<Row> Having(string model, string field, object value) => Db.Table(model).Having(field, value);

    public bool CompanyAllowed(int company) => Su || Companies.Contains(company);

    public string DisplayName(string model, int? id) =>
        Get(model, id) is { } row ? Registry[model].DisplayName(this, row) : "";

    /// <summary>A field's value in storage form, computing it when it is not stored.</summary>
    public object? Value(Row row, string field) => ValueCodec.Get(this, Registry[row.Model], row, Registry[row.Model].Fields[field]!);

    public string? ContextString(string key) => Context[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
    public bool ContextFlag(string key) => Context[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
