namespace ActorSync.Tests.Shared;

/// <summary>
/// The ../shared folder beside the clone (third-party fixtures, read in place and never copied into
/// the repository). Linked into the test projects that read it; absent on machines without it.
/// </summary>
internal static class SharedFolder
{
    /// <summary>The folder at <paramref name="relative"/> under ../shared, or null where it is absent.</summary>
    public static string? Find(params string[] relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ActorSync.sln")))
            {
                var folder = Path.GetFullPath(Path.Combine([dir.FullName, "..", "shared", .. relative]));
                return Directory.Exists(folder) ? folder : null;
            }
        }
        return null;
    }
}
