namespace ChainForge.Milestones.Tests.Fixtures;

/// <summary>The fixture files, copied beside the test assembly.</summary>
public static class Fixture
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The repository's root folder (where the solution is), above the test assembly.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ChainForge.Milestones.sln")))
                folder = folder.Parent;
            return folder?.FullName ?? throw new InvalidOperationException("the tests run outside the repository");
        }
    }

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static string Template => Text("milestone-template-1.0.md");

    public static string Example => Text("canonical/example-M-007.md");

    /// <summary>Names relative to <see cref="Folder"/>, e.g. <c>canonical/example-M-007.md</c>.</summary>
    public static TheoryData<string> In(string folder) =>
        [.. Directory.EnumerateFiles(PathOf(folder), "*.md").Order(StringComparer.Ordinal).Select(f => $"{folder}/{Path.GetFileName(f)}")];
}
