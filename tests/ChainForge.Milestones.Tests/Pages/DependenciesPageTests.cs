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

public sealed class DependenciesPageUnknownIdsTests(MilestonesAppFactory factory) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Milestones_that_depend_on_ids_no_milestone_has_are_listed_above_the_graph()
    {
        await using (var db = factory.CreateDbContext())
        {
            db.Milestones.AddRange(
                new Milestone { Id = "U-001", Title = "Here" },
                new Milestone { Id = "U-002", Title = "Waits for a ghost", Dependencies = ["U-001", "U-404"] });
            await db.SaveChangesAsync(Cancel);
        }

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/dependencies");

        var listed = page.FindAll("#unknown-dependencies li[data-milestone]").ToDictionary(li => li.GetAttribute("data-milestone")!, li => li.TextContent);
        Assert.Contains("U-404", listed["U-002"], StringComparison.Ordinal);
        Assert.DoesNotContain("U-001", listed.Keys);
    }
}

/// <summary>A graph too large to draw at once: a part is chosen, or the whole drawn on request.</summary>
public sealed class DependenciesPageAtScaleTests(MilestonesAppFactory factory) : IClassFixture<MilestonesAppFactory>, IAsyncLifetime
{
    private const int Count = 200;

    public async ValueTask InitializeAsync()
    {
        await using var db = factory.CreateDbContext();
        if (db.Milestones.Any())
            return;
        // A chain: each waits for the one before; four phases in turn.
        db.Milestones.AddRange(Enumerable.Range(0, Count).Select(i => new Milestone
        {
            Id = $"E-{i:000}",
            Title = $"Step {i}",
            Phase = i % 4 + 1,
            Dependencies = i == 0 ? [] : [$"E-{i - 1:000}"],
        }));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<HtmlPage> GraphAsync(string query = "") =>
        await HtmlPage.GetAsync(await factory.AuthorClientAsync(), $"/dependencies{query}");

    private static List<string> Drawn(HtmlPage page) => [.. page.FindAll("#dependency-graph a.node").Select(n => n.GetAttribute("data-id")!)];

    [Fact]
    public async Task More_milestones_than_a_drawing_holds_ask_for_a_choice_instead_of_drawing_them()
    {
        var page = await GraphAsync();

        Assert.Null(page.Find("#dependency-graph"));
        Assert.Contains($"{Count} milestones are more than a readable drawing holds", page.Find("#too-many")!.TextContent, StringComparison.Ordinal);
        Assert.True(await page.Response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken) is { Length: < 100_000 });
    }

    [Fact]
    public async Task The_neighbourhood_of_a_milestone_is_what_lies_within_the_chosen_links_either_way()
    {
        var page = await GraphAsync("?around=e-100&depth=2");

        Assert.Equal(["E-098", "E-099", "E-100", "E-101", "E-102"], Drawn(page));
        Assert.Equal(4, page.FindAll("#dependency-graph path.edge").Length);
    }

    [Fact]
    public async Task A_phase_and_a_status_choose_the_milestones_drawn()
    {
        var page = await GraphAsync("?phase=2");

        Assert.Equal(Enumerable.Range(0, Count).Where(i => i % 4 == 1).Select(i => $"E-{i:000}"), Drawn(page));
        Assert.Empty(Drawn(await GraphAsync("?phase=2&status=Completed")));
    }

    [Fact]
    public async Task The_whole_graph_is_drawn_on_request_and_an_unknown_milestone_is_said()
    {
        Assert.Equal(Count, Drawn(await GraphAsync("?all=true")).Count);
        Assert.NotNull((await GraphAsync("?around=E-999")).Find("#around-unknown"));
    }
}
