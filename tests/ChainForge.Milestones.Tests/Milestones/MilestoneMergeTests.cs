using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class MilestoneMergeTests
{
    private static Milestone Example() => MarkdownImporter.Import(Fixture.Example).Milestone!;

    private static MilestoneMerge Merge(Action<Milestone> yours, Action<Milestone> theirs)
    {
        var mine = Example();
        yours(mine);
        var other = Example();
        theirs(other);
        return MilestoneMerge.Of(Fixture.Example, MarkdownExporter.Export(mine), MarkdownExporter.Export(other));
    }

    private static Milestone Read(MilestoneMerge merge) => MarkdownImporter.Import(merge.Text).Milestone!;

    [Fact]
    public void Changes_to_different_fields_are_both_kept()
    {
        var merge = Merge(m => m.Title = "Yours", m => m.AssignedTo = "Theirs");

        Assert.Empty(merge.Collisions);
        Assert.Equal(("Yours", "Theirs"), (Read(merge).Title, Read(merge).AssignedTo));
        Assert.Equal(["Milestone Information"], merge.TheirSections);
    }

    [Fact]
    public void Changes_to_different_items_of_one_list_are_both_kept()
    {
        var merge = Merge(
            m => m.Requirements.Functional[0].Text = "The first requirement, reworded",
            m => m.Requirements.Functional[3].Done = true);

        Assert.Empty(merge.Collisions);
        var functional = Read(merge).Requirements.Functional;
        Assert.Equal("The first requirement, reworded", functional[0].Text);
        Assert.True(functional[3].Done);
    }

    [Fact]
    public void An_item_added_by_one_and_a_field_changed_by_the_other_are_both_kept()
    {
        var merge = Merge(
            m => m.Testing.UnitTests.Add(new ChecklistItem { Text = "A test added by you" }),
            m => m.Notes = "A note of theirs");

        Assert.Empty(merge.Collisions);
        Assert.Equal("A test added by you", Read(merge).Testing.UnitTests[^1].Text);
        Assert.Equal("A note of theirs", Read(merge).Notes);
    }

    [Fact]
    public void The_same_field_changed_both_ways_is_a_collision_and_the_merge_keeps_yours()
    {
        var merge = Merge(m => m.Title = "Yours", m => m.Title = "Theirs");

        var collision = Assert.Single(merge.Collisions);
        Assert.Equal("Milestone Information", collision.Section);
        Assert.Contains(collision.Yours, line => line.Contains("Yours", StringComparison.Ordinal));
        Assert.Contains(collision.Theirs, line => line.Contains("Theirs", StringComparison.Ordinal));
        Assert.Equal("Yours", Read(merge).Title);
    }

    [Fact]
    public void The_same_change_made_by_both_is_no_collision()
    {
        var merge = Merge(m => m.AssignedTo = "Both", m => m.AssignedTo = "Both");

        Assert.Empty(merge.Collisions);
        Assert.Equal("Both", Read(merge).AssignedTo);
    }

    [Fact]
    public void Figures_a_save_sets_by_itself_are_no_collision()
    {
        var merge = Merge(m => m.Progress = 50, m => m.Progress = 60);

        Assert.Empty(merge.Collisions);
    }

    [Fact]
    public void A_started_from_text_posted_with_crlf_line_ends_merges_the_same()
    {
        var mine = Example();
        mine.Title = "Yours";
        var other = Example();
        other.AssignedTo = "Theirs";

        var merge = MilestoneMerge.Of(Fixture.Example.ReplaceLineEndings("\r\n"), MarkdownExporter.Export(mine), MarkdownExporter.Export(other));

        Assert.Empty(merge.Collisions);
        Assert.Equal(("Yours", "Theirs"), (Read(merge).Title, Read(merge).AssignedTo));
    }

    [Fact]
    public void Nothing_changed_on_either_side_is_the_file_itself()
    {
        var merge = Merge(_ => { }, _ => { });

        Assert.Equal(Fixture.Example, merge.Text);
        Assert.Empty(merge.Collisions);
        Assert.Empty(merge.TheirSections);
    }
}
