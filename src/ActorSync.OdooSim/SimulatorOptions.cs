namespace ActorSync.OdooSim;

/// <summary>How to start an <see cref="OdooSimulator"/>: its database, master data, latency model and faults.</summary>
public sealed record SimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 takes a free one.</summary>
    public int Port { get; init; }

    public string Database { get; init; } = "actorsync";

    /// <summary>Each company gets the generic chart of accounts, journals, taxes and a warehouse.</summary>
    public IReadOnlyList<SimCompany> Companies { get; init; } = [new("ActorSync Hospital A Inc.")];

    /// <summary>The first user is the administrator (uid 2), like Odoo's admin.</summary>
    public IReadOnlyList<SimUser> Users { get; init; } = [new("admin", "admin", "admin-api-key", Name: "Administrator")];

    public IReadOnlyList<SimProduct> Products { get; init; } = [];
    public IReadOnlyList<SimPartner> Partners { get; init; } = [];
    public IReadOnlyList<SimAnalyticAccount> AnalyticAccounts { get; init; } = [];
    public SimulatorCosts Costs { get; init; } = SimulatorCosts.None;
    public FaultSettings Faults { get; init; } = FaultSettings.None;

    /// <summary>Keep the records in this SQLite file so a restarted simulator finds them again; null keeps them in memory only.</summary>
    public string? SqliteFile { get; init; }
}

public sealed record SimCompany(string Name, string Currency = "USD");

/// <summary>A user; <paramref name="Companies"/> names the companies it may use (null: all of them).</summary>
public sealed record SimUser(string Login, string Password, string ApiKey, IReadOnlyList<string>? Companies = null, string? Name = null);

/// <summary>A storable product shared by all companies.</summary>
public sealed record SimProduct(string DefaultCode, string Name);

public sealed record SimPartner(string Name, bool IsCompany = true);

/// <summary>An analytic account (department / cost center) of the named company.</summary>
public sealed record SimAnalyticAccount(string Name, string Company, string? Code = null);
