using System.Text.Json;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary>One palette command as its own process, with the operator's token in the environment as the palette reads it.</summary>
internal static class PaletteRun
{
    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string token, string work, params string[] args)
    {
        using var palette = ActorSyncProcess.Start(new Dictionary<string, string> { ["ACTORSYNC_MGMT_TOKEN"] = token }, work, args);
        var exit = await palette.WaitForExitAsync(TimeSpan.FromMinutes(1));
        return (exit, palette.Stdout, palette.Stderr);
    }

    /// <summary>The JSON a successful <c>--json</c> run printed.</summary>
    public static JsonElement Json((int Exit, string Stdout, string Stderr) run)
    {
        Assert.True(run.Exit == 0, run.Stderr);
        return JsonDocument.Parse(run.Stdout).RootElement.Clone();
    }
}
