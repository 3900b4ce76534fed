using ActorSync.Actors.Configuration;
using ActorSync.Host.Commands;
using ActorSync.OdooSim;
using Microsoft.Data.Sqlite;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>
/// A journal with real content for the journal and trace tests: a day of generated data for the
/// shipped network imported site by site into a temp data folder, in-process, with the posting
/// sinks sending to an in-process Odoo simulator until they are idle (northwind-health posts in
/// summary, here without approval; lakeside-care per invoice); and one encounter of an unknown
/// organization, parked with its payload.
/// </summary>
public sealed class JournalFixture : IAsyncLifetime
{
    public const string ParkedPatient = "Patient/a-patient-no-export-may-show";
    private const string Key = "journal-test-odoo-key";
    private OdooSimulator? _simulator;

    public string Work { get; } = Directory.CreateTempSubdirectory("actorsync-journal-").FullName;
    public string DataDir => Path.Combine(Work, "data");
    public Uri Odoo => _simulator!.BaseAddress;

    /// <summary>How many records of a model the simulator holds.</summary>
    public int OdooCount(string model) => _simulator!.Count(model);

    public async Task InitializeAsync()
    {
        var generated = Path.Combine(Work, "generated");
        await Expect(() => InProcessCli.RunAsync("generate", "--out", generated, "--days", "1", "--encounters-per-day", "8"));

        var hocon = HoconFiles.Load(HoconFiles.DefaultFolder(), []);
        var (options, _) = OdooSimCommand.Options(hocon, NetworkSettings.From(hocon), _ => Key);
        _simulator = await OdooSimulator.StartAsync(options with { Port = 0 });
        var keyFile = Path.Combine(Work, "odoo.key");
        await File.WriteAllTextAsync(keyFile, Key);
        var odoo = Path.Combine(Work, "odoo.conf");
        await File.WriteAllTextAsync(odoo, $$"""
            actorsync.odoo { url = "{{_simulator.BaseAddress}}", api-key-file = "{{keyFile}}", retry.base-delay = 20ms }
            actorsync.sinks.workflows.accounting { mode = micro-batch, window = 300ms }
            # Everything goes to Odoo without an approver: a staged summary holds back its invoices' adjustments, and the import waits for idle sinks.
            actorsync.network.legal-entities.northwind-health.posting { approve-summary-batches = off, approval-threshold = 100000000 }
            actorsync.network.legal-entities.lakeside-care.posting.approval-threshold = 100000000
            """);

        foreach (var site in Directory.GetDirectories(generated).Order(StringComparer.Ordinal))
            await Expect(() => InProcessCli.RunAsync("import", site, "--site", Path.GetFileName(site), "--source", "generator",
                "--data-dir", DataDir, "--config", odoo, "--wait-for-sinks", "--sink-timeout", "120"));

        var parked = Directory.CreateDirectory(Path.Combine(Work, "parked")).FullName;
        await File.WriteAllTextAsync(Path.Combine(parked, "Encounter.ndjson"),
            "{\"resourceType\":\"Encounter\",\"id\":\"enc-elsewhere\",\"status\":\"finished\",\"class\":{\"code\":\"AMB\"}," +
            $"\"subject\":{{\"reference\":\"{ParkedPatient}\"}},\"serviceProvider\":{{\"reference\":\"Organization/elsewhere\"}}}}\n");
        await Expect(() => InProcessCli.RunAsync("import", parked, "--source", "generator", "--data-dir", DataDir, "--config", odoo));
    }

    /// <summary>Generate and import write to the console: it is kept for the message should one fail.</summary>
    private static async Task Expect(Func<Task<InProcessCli.Run>> command)
    {
        var console = Console.Out;
        using var captured = new StringWriter();
        Console.SetOut(captured);
        InProcessCli.Run run;
        try
        {
            run = await command();
        }
        finally
        {
            Console.SetOut(console);
        }
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Stdout}{run.Stderr}{captured}");
    }

    /// <summary>The journal's tables read directly (or, with <paramref name="file"/>, the projections' file beside it), to compare the commands with.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> row, string file = "actorsync.db")
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(DataDir, file)};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(row(reader));
        return rows;
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
            await _simulator.DisposeAsync();
        Directory.Delete(Work, recursive: true);
    }
}
