using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class MilestoneHtmlTests
{
    private static Milestone Sample(string title) => new() { Id = "M-042", Title = title };

    [Fact]
    public void The_same_version_is_rendered_once()
    {
        using var html = new MilestoneHtml();
        var milestone = Sample("Block Propagation");

        var first = html.Render(milestone);
        var second = html.Render(milestone);

        Assert.Contains("Block Propagation", first, StringComparison.Ordinal);
        Assert.Same(first, second);
    }

    [Fact]
    public void A_saved_milestone_with_a_new_version_is_rendered_again()
    {
        using var html = new MilestoneHtml();
        var milestone = Sample("Block Propagation");
        html.Render(milestone);

        milestone.Title = "Transaction Pool";
        milestone.Version = Guid.NewGuid();

        var rendered = html.Render(milestone);
        Assert.Contains("Transaction Pool", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("Block Propagation", rendered, StringComparison.Ordinal);
    }
}
