using System.Security.Cryptography;
using ActorSync.Fhir.Mapping;

namespace ActorSync.Actors.Ingest;

/// <summary>
/// The key of patient pseudonyms: from <c>ACTORSYNC_PSEUDONYM_KEY</c> when set (clusters share it
/// that way), else a random key kept beside the embedded journal, readable by its owner only, so
/// that a patient keeps the same pseudonym across restarts.
/// </summary>
public static class PseudonymKeyFile
{
    public const string EnvironmentVariable = "ACTORSYNC_PSEUDONYM_KEY";

    public static Pseudonymizer Load(string? dataDir)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)))
            return Pseudonymizer.FromEnvironment(EnvironmentVariable);
        if (dataDir is null)
            throw new InvalidOperationException($"set {EnvironmentVariable}: without an embedded data folder there is nowhere to keep a generated key");
        var file = Path.Combine(dataDir, "pseudonym.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(dataDir);
            File.WriteAllText(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return new Pseudonymizer(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
