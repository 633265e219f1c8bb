using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Pages.Milestones;

namespace ChainForge.Milestones.Tests.Pages.Milestones;

/// <summary>The ID a new milestone is offered: the next number after the highest M-nnn stored.</summary>
public sealed class NewMilestoneIdTests(MilestonesAppFactory factory) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public void The_next_id_follows_the_highest_numbered_one() =>
        Assert.Equal("M-042", NewModel.NextId(["M-007", "M-041", "m-003", "X-100", "M-9a"]));

    [Fact]
    public void The_first_id_is_M_001() => Assert.Equal("M-001", NewModel.NextId([]));

    [Fact]
    public void The_next_id_grows_past_three_digits() => Assert.Equal("M-1000", NewModel.NextId(["M-999"]));

    [Fact]
    public async Task The_new_page_suggests_the_next_free_id()
    {
        await using (var db = factory.CreateDbContext())
        {
            db.Milestones.AddRange(new Milestone { Id = "M-004" }, new Milestone { Id = "M-012" }, new Milestone { Id = "Z-500" });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var client = await factory.AuthorClientAsync();

        var page = await HtmlPage.GetAsync(client, "/milestones/new");

        Assert.Equal("M-013", page.Find("input[name=\"Milestone.Id\"]")?.GetAttribute("value"));
    }
}
