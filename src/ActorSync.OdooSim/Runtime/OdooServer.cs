using System.Text.Json.Nodes;
using ActorSync.OdooSim.Models;
using ActorSync.OdooSim.Orm;
using ActorSync.OdooSim.Store;

namespace ActorSync.OdooSim.Runtime;

/// <summary>
/// The simulated Odoo server behind both protocols: authentication and one call at a time, each in
/// its own transaction that is persisted to the SQLite file (when one is used) before answering.
/// </summary>
internal sealed class OdooServer : IDisposable
{
    public const int AdminUid = 2;

    private readonly Lock _gate = new();
    private readonly Database _db;
    private readonly SqliteStore? _file;

    public OdooServer(SimulatorOptions options)
    {
        Registry = Catalog.Build();
        DatabaseName = options.Database;
        _db = new Database(Registry.IndexedFields);
        if (options.SqliteFile is not null)
        {
            _file = new SqliteStore(options.SqliteFile, Registry);
            if (_file.Load(_db)) return;
        }
        var tx = _db.Begin();
        Seeder.Seed(Registry, _db, tx, options, DateTime.UtcNow);
        _file?.Save(_db, tx.Touched);
    }

    public Registry Registry { get; }
    public string DatabaseName { get; }

    /// <summary>common.login / authenticate and JSON-RPC: the password or an API key of the user.</summary>
    public int? Login(string login, string secret)
    {
        lock (_gate)
            return _db.Table("res.users").Rows.FirstOrDefault(u => u.Bool("active") && u.Str("login") == login && Accepts(u, secret))?.Id;
    }

    public bool Check(int uid, string secret)
    {
        lock (_gate)
            return _db.Table("res.users").Get(uid) is { } user && user.Bool("active") && Accepts(user, secret);
    }

    public int? UidForApiKey(string key)
    {
        lock (_gate)
            return _db.Table("res.users").Rows.FirstOrDefault(u => u.Bool("active") && u.Str("api_key") == key)?.Id;
    }

    private static bool Accepts(Row user, string secret) =>
        secret.Length > 0 && (user.Str("password") == secret || user.Str("api_key") == secret);

    /// <summary>Runs one method call as one transaction: all of it, or (on any error) none of it.</summary>
    public Outcome Call(int uid, Model model, MethodDef method, CallArgs args, JsonObject context)
    {
        lock (_gate)
        {
            var tx = _db.Begin();
            try
            {
                var user = _db.Table("res.users").Get(uid)!;
                var env = new Env(Registry, _db, tx, user, Companies(user, context), context, DateTime.UtcNow);
                var result = method.Body(env, model, args);
                _file?.Save(_db, tx.Touched);
                return result;
            }
            catch
            {
                tx.Rollback();
                throw;
            }
        }
    }

    /// <summary>allowed_company_ids (first = active company) must be the user's; none means all of the user's.</summary>
    private static IReadOnlyList<int> Companies(Row user, JsonObject context)
    {
        var mine = user.Ids("company_ids");
        if (context["allowed_company_ids"] is JsonArray { Count: > 0 } allowed)
        {
            var ids = allowed.Select(JsonNum.Int).ToList();
            if (ids.Any(id => id is not int company || !mine.Contains(company)))
                throw OdooError.AccessError("Access to unauthorized or invalid companies.");
            return ids.Cast<int>().ToList();
        }
        var main = user.Ref("company_id") ?? mine[0];
        return [main, .. mine.Where(c => c != main)];
    }

    /// <param name="fields">Only these fields (all visible ones when null): a poller that needs two fields
    /// of thousands of records does not hold the server's lock while every computed field is worked out.</param>
    public IReadOnlyList<IReadOnlyDictionary<string, object?>> Records(string modelName, IReadOnlyCollection<string>? fields = null, int afterId = 0)
    {
        var model = Registry.Find(modelName) ?? throw new ArgumentException($"Unknown model {modelName}", nameof(modelName));
        var selected = model.Fields.Where(f => !f.Hidden && (fields is null || fields.Contains(f.Name))).ToList();
        lock (_gate)
        {
            var env = AdminEnv();
            return _db.Table(modelName).Rows.Where(row => row.Id > afterId).Select(row => (IReadOnlyDictionary<string, object?>)selected
                .ToDictionary(f => f.Name, f => ValueCodec.ToPlain(f, ValueCodec.Get(env, model, row, f))))
                .ToList();
        }
    }

    /// <summary>Gives a user another API key, as revoking one and making a new one in Odoo does: calls with the old one are refused.</summary>
    public void SetApiKey(string login, string key)
    {
        lock (_gate)
        {
            var user = _db.Table("res.users").Rows.FirstOrDefault(u => u.Str("login") == login) ?? throw new ArgumentException($"no user {login}", nameof(login));
            var tx = _db.Begin();
            tx.Set(user, "api_key", key);
            _file?.Save(_db, tx.Touched);
        }
    }

    public int Count(string model)
    {
        lock (_gate) return _db.Table(model).Count;
    }

    private Env AdminEnv()
    {
        var admin = _db.Table("res.users").Get(AdminUid)!;
        return new Env(Registry, _db, _db.Begin(), admin, [.. _db.Table("res.company").Rows.Select(c => c.Id)], [], DateTime.UtcNow, su: true);
    }

    public void Dispose() => _file?.Dispose();
}
