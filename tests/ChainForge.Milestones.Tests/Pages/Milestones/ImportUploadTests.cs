using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Pages.Milestones;

namespace ChainForge.Milestones.Tests.Pages.Milestones;

public sealed class ImportUploadTests
{
    private static MilestoneFile File(string path, string text) => new(path, System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_chosen_file_replaces_the_kept_one_of_its_path_or_its_only_namesake_and_any_other_is_added()
    {
        IReadOnlyList<MilestoneFile> kept = [File("a.zip/M-1.md", "old 1"), File("M-2.md", "old 2"), File("x.zip/M-3.md", "old 3"), File("y.zip/M-3.md", "old 3 again")];

        var merged = ImportUpload.Merge(kept, [File("M-1.md", "new 1"), File("M-2.md", "new 2"), File("M-3.md", "new 3"), File("M-4.md", "new 4")]);

        Assert.Equal(
            ["a.zip/M-1.md: new 1", "M-2.md: new 2", "x.zip/M-3.md: old 3", "y.zip/M-3.md: old 3 again", "M-3.md: new 3", "M-4.md: new 4"],
            merged.Select(f => $"{f.Path}: {System.Text.Encoding.UTF8.GetString(f.Content)}"));
    }

    [Fact]
    public void Two_chosen_files_of_one_name_never_replace_each_other()
    {
        IReadOnlyList<MilestoneFile> kept = [File("old.zip/M-1.md", "kept")];

        var merged = ImportUpload.Merge(kept, [File("new.zip/a/M-1.md", "first"), File("new.zip/b/M-1.md", "second")]);

        Assert.Equal(["old.zip/M-1.md: first", "new.zip/b/M-1.md: second"], merged.Select(f => $"{f.Path}: {System.Text.Encoding.UTF8.GetString(f.Content)}"));
    }
}
