using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;

namespace ChainForge.Milestones.Tests.History;

public sealed class RevisionDiffTests
{
    [Fact]
    public void Texts_longer_than_the_bound_are_compared_in_their_first_lines_and_say_so()
    {
        var old = string.Concat(Enumerable.Range(0, RevisionDiff.MaxLines + 500).Select(i => $"old {i}\n"));
        var @new = string.Concat(Enumerable.Range(0, RevisionDiff.MaxLines + 500).Select(i => $"new {i}\n"));

        var diff = new RevisionDiff(old, @new);

        Assert.True(diff.Cut);
        Assert.Equal(RevisionDiff.MaxLines, diff.SideBySide.Count);
    }

    [Fact]
    public void Texts_within_the_bound_are_compared_whole()
    {
        var text = string.Concat(Enumerable.Range(0, RevisionDiff.MaxLines - 1).Select(i => $"line {i}\n"));

        var diff = new RevisionDiff(text, text + "one more\n");

        Assert.False(diff.Cut);
        Assert.Equal(1, diff.Changes);
    }

    [Fact]
    public void Equal_texts_have_no_changes()
    {
        var diff = new RevisionDiff("a\nb\n", "a\nb\n");

        Assert.Equal(0, diff.Changes);
        Assert.All(diff.Unified, l => Assert.Equal(LineDiff.Change.Unchanged, l.Change));
    }

    [Fact]
    public void A_unified_diff_shows_the_old_lines_deleted_then_the_new_lines_inserted()
    {
        var diff = new RevisionDiff("a\nb\nc\nd\n", "a\nB\nC\nd\ne\n");

        Assert.Equal(
            [("a", LineDiff.Change.Unchanged), ("b", LineDiff.Change.Deleted), ("c", LineDiff.Change.Deleted), ("B", LineDiff.Change.Inserted), ("C", LineDiff.Change.Inserted), ("d", LineDiff.Change.Unchanged), ("e", LineDiff.Change.Inserted)],
            diff.Unified.Select(l => (l.Text, l.Change)));
    }

    [Fact]
    public void A_side_by_side_diff_faces_an_added_line_with_a_gap()
    {
        var diff = new RevisionDiff("a\n", "a\nb\n");

        var (old, @new) = diff.SideBySide[^1];
        Assert.Equal(LineChange.Missing, old.Change);
        Assert.Equal(("b", LineChange.Inserted, 2), (@new.Text, @new.Change, @new.Number));
    }
}
