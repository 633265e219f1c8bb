using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class DependenciesPageTests(MilestonesAppFactory factory) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_graph_draws_each_milestone_as_a_link_and_each_dependency_as_an_arrow_with_cycles_in_red()
    {
        await using (var db = factory.CreateDbContext())
        {
            var internalOnly = new Milestone { Id = "D-004", Title = "Wallet <b>keys</b>" };
            internalOnly.DependencyTracking.Internal = [new DependencyItem { Name = "D-001 Peer manager" }];
            db.Milestones.AddRange(
                new Milestone { Id = "D-001", Title = "Peer manager" },
                new Milestone { Id = "D-002", Title = "Relay", Dependencies = ["D-001", "D-003"] },
                new Milestone { Id = "D-003", Title = "Mempool", Dependencies = ["D-002 relay first"] },
                internalOnly);
            await db.SaveChangesAsync(Cancel);
        }

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/dependencies");

        var nodes = page.FindAll("#dependency-graph a.node");
        Assert.Equal(["D-001", "D-002", "D-003", "D-004"], nodes.Select(n => n.GetAttribute("data-id")).Order(StringComparer.Ordinal));
        Assert.Equal("/milestones/D-004", page.Find("#dependency-graph a.node[data-id='D-004']")!.GetAttribute("href"));
        var edges = page.FindAll("#dependency-graph path.edge").Select(e => (e.GetAttribute("data-from"), e.GetAttribute("data-to"), e.ClassList.Contains("cycle"))).Order().ToList();
        Assert.Equal([("D-001", "D-002", false), ("D-001", "D-004", false), ("D-002", "D-003", true), ("D-003", "D-002", true)], edges);
        Assert.Equal("D-002 D-003 D-002", Assert.Single(page.FindAll("#cycles li")).GetAttribute("data-cycle"));
        Assert.Null(page.Find("#dependency-graph b"));
        Assert.Contains("Wallet <b>keys</b>", page.Find("#dependency-graph a.node[data-id='D-004']")!.TextContent, StringComparison.Ordinal);
    }
}
