using System.Security.Cryptography;
using ActorSync.Actors.Configuration;
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

    /// <summary>The key for a node on this storage; a node checks it as it starts, so a missing key stops it with a message instead of failing every ingest.</summary>
    public static Pseudonymizer For(StorageSettings storage) => Load(storage.SqliteFile is { } file ? Path.GetDirectoryName(file) : null);

    public static Pseudonymizer Load(string? dataDir)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(EnvironmentVariable)))
            return Pseudonymizer.FromEnvironment(EnvironmentVariable);
        if (dataDir is null)
            throw new ConfigurationProblem($"set {EnvironmentVariable} (the same on every node): on a shared journal there is no data folder to keep a generated pseudonym key in");
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
