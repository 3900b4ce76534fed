using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace ActorSync.Host.Tests;

/// <summary><c>actorsync source credential</c>: a fresh random token each time, and its SHA-256 ready to paste into HOCON.</summary>
public sealed class SourceCommandTests
{
    [Fact]
    public async Task A_credential_is_random_and_its_configuration_line_holds_only_its_hash()
    {
        var (token1, line1) = await RunAsync();
        var (token2, _) = await RunAsync();

        Assert.NotEqual(token1, token2);
        Assert.True(token1.Length >= 40, "32 random bytes in base64url");
        Assert.Equal($"actorsync.sources.\"lab-feed\".credential-sha256 = \"{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token1))).ToLowerInvariant()}\"", line1);
        Assert.DoesNotContain(token1, line1, StringComparison.Ordinal);
    }

    private static async Task<(string Token, string ConfigLine)> RunAsync()
    {
        using var process = ActorSyncProcess.Start(Path.GetTempPath(), "source", "credential", "lab-feed");
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var lines = process.Stdout.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (lines[1], lines[3]);
    }
}
