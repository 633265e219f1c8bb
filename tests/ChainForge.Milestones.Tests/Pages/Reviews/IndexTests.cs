using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;

namespace ChainForge.Milestones.Tests.Pages.Reviews;

/// <summary>The review queue, a page at a time.</summary>
public sealed class IndexTests(MilestonesAppFactory factory) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task The_milestones_waiting_for_a_reviewer_are_counted_and_paged_oldest_first()
    {
        await using (var db = factory.CreateDbContext())
        {
            db.Milestones.AddRange(Enumerable.Range(1, 30).Select(i => new Milestone
            {
                Id = $"Q-{i:000}",
                Title = $"Queued {i}",
                Status = MilestoneStatus.Review,
                LastUpdated = new DateOnly(2026, 10, 1).AddDays(i),
            }));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var client = await factory.SignedInClientAsync("rita", Roles.Reviewer);

        var first = await HtmlPage.GetAsync(client, "/reviews");
        var second = await HtmlPage.GetAsync(client, "/reviews?wp=2");

        Assert.Equal("30", first.Find("#waiting-count")!.GetAttribute("data-count"));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"Q-{i:000}"), first.FindAll("#waiting tbody tr code").Select(c => c.TextContent));
        Assert.Equal(Enumerable.Range(26, 5).Select(i => $"Q-{i:000}"), second.FindAll("#waiting tbody tr code").Select(c => c.TextContent));
        Assert.Equal("/reviews?wp=2", first.Find(".pagination a[rel=next]")!.GetAttribute("href"));
    }
}
