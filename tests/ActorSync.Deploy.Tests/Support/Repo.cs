namespace ActorSync.Deploy.Tests.Support;

/// <summary>Files of the repository the tests run in (found by walking up to ActorSync.sln).</summary>
internal static class Repo
{
    public static readonly string Root = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    public static bool Exists(string relative) => File.Exists(PathOf(relative)) || Directory.Exists(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActorSync.sln")))
                return dir.FullName;
        throw new InvalidOperationException("ActorSync.sln not found above the test binaries");
    }
}
