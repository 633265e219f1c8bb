using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class LineDiffTests
{
    [Fact]
    public void A_unified_diff_numbers_old_and_new_lines()
    {
        var lines = LineDiff.Unified("a\nb\nc", "a\nB\nc");

        Assert.Equal(
            [(LineDiff.Change.Unchanged, 1, 1, "a"), (LineDiff.Change.Deleted, 2, null, "b"), (LineDiff.Change.Inserted, null, 2, "B"), (LineDiff.Change.Unchanged, 3, 3, "c")],
            lines.Select(l => (l.Change, l.OldNumber, l.NewNumber, l.Text)));
    }

    [Fact]
    public void Hunks_keep_changed_lines_with_their_context_and_mark_the_gaps()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(n => $"line {n}"));
        var after = before.Replace("line 10", "line ten", StringComparison.Ordinal);

        var hunks = LineDiff.Hunks(LineDiff.Unified(before, after), context: 1);

        Assert.Equal(["line 9", "line 10", "line ten", "line 11"], hunks.OfType<LineDiff.Line>().Select(l => l.Text));
    }

    [Fact]
    public void Lines_folded_away_at_the_start_and_the_end_are_marked_like_a_gap()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(n => $"line {n}"));
        var after = before.Replace("line 10", "line ten", StringComparison.Ordinal);

        var hunks = LineDiff.Hunks(LineDiff.Unified(before, after), context: 1);

        Assert.Equal([null, "line 9", "line 10", "line ten", "line 11", null], hunks.Select(l => l?.Text));
    }

    [Fact]
    public void A_change_at_the_first_and_last_line_leaves_nothing_to_mark_at_the_ends()
    {
        var hunks = LineDiff.Hunks(LineDiff.Unified("a\nb\nc", "A\nb\nC"), context: 1);

        Assert.DoesNotContain(null, hunks);
    }

    [Fact]
    public void Two_changes_far_apart_are_two_hunks_with_a_gap_between()
    {
        var before = string.Join('\n', Enumerable.Range(1, 20).Select(n => $"line {n}"));
        var after = before.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 19", "line nineteen", StringComparison.Ordinal);

        var hunks = LineDiff.Hunks(LineDiff.Unified(before, after), context: 1);

        Assert.Single(hunks, l => l is null);
    }

    [Fact]
    public void No_change_gives_no_hunk() =>
        Assert.Empty(LineDiff.Hunks(LineDiff.Unified("same\ntext", "same\ntext")));
}
