using System.Globalization;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.History;
using ChainForge.Milestones.Tests.Markdown;
using CsCheck;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Pages.Portfolio;

/// <summary>200 generated milestones, stored once for all the tests of the class, and the app on a fixed today.</summary>
public sealed class GeneratedPortfolio : IAsyncLifetime
{
    public static readonly DateOnly Today = new(2030, 6, 15);
    private readonly MilestonesAppFactory _factory = new();

    public List<Milestone> Milestones { get; private set; } = [];
    public MilestonesAppFactory App => _factory;

    public async ValueTask InitializeAsync()
    {
        _factory.Clock.Now = new DateTimeOffset(Today.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        Milestones = [.. MilestoneGen.Milestone.Array[200].Single().Select((m, i) =>
        {
            m.Id = $"G-{i:000}";
            // Some milestones name others, so that some are blocked.
            if (i % 3 == 0)
                m.Dependencies = [$"G-{i * 7 % 200:000} follow-up", .. m.Dependencies];
            return m;
        })];
        await using var db = _factory.CreateDbContext();
        db.Milestones.AddRange(Milestones);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>The portfolio on generated milestones: every number on the page is checked against the milestones themselves.</summary>
public sealed class PortfolioPageTests(GeneratedPortfolio portfolio) : IClassFixture<GeneratedPortfolio>
{
    private static readonly DateOnly Today = GeneratedPortfolio.Today;
    private readonly List<Milestone> _milestones = portfolio.Milestones;
    private readonly MilestonesAppFactory _app = portfolio.App;

    private async Task<HtmlPage> PortfolioAsync() => await HtmlPage.GetAsync(await _app.AuthorClientAsync(), "/portfolio");

    private static int Int(AngleSharp.Dom.IElement cell, string attribute) => int.Parse(cell.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    private static decimal Decimal(AngleSharp.Dom.IElement cell, string attribute) => decimal.Parse(cell.GetAttribute(attribute)!, CultureInfo.InvariantCulture);

    private static string Name<T>(T? value) where T : struct, Enum => value is { } v ? TemplateSpelling.Write(v) : "not set";

    [Fact]
    public async Task The_portfolio_shows_the_burn_up_of_every_milestones_tasks_from_their_revisions()
    {
        await using var own = new MilestonesAppFactory();
        var example = MarkdownImporter.Import(ChainForge.Milestones.Tests.Fixtures.Fixture.Example).Milestone!;
        var tasks = example.ImplementationPlan.Phases.SelectMany(p => p.Tasks).ToList();
        await using (var db = own.CreateDbContext())
        {
            string[] ids = ["B-1", "B-2"];
            var files = ids.Select(id => new MilestoneFile($"{id}.md",
                System.Text.Encoding.UTF8.GetBytes(ChainForge.Milestones.Tests.Fixtures.Fixture.Example.Replace("M-007", id, StringComparison.Ordinal))));
            Assert.True((await Actors.AcceptingImportAsync(db, files, "alice", own.Clock, TestContext.Current.CancellationToken)).Succeeded);
        }

        var page = await HtmlPage.GetAsync(await own.AuthorClientAsync(), "/portfolio");

        var row = Assert.Single(page.FindAll("#burn-up-table tbody tr"));
        Assert.Equal((tasks.Count(t => t.Done) * 2).ToString(CultureInfo.InvariantCulture), row.Children[1].TextContent);
        Assert.Equal((tasks.Count * 2).ToString(CultureInfo.InvariantCulture), row.Children[2].TextContent);
        Assert.NotNull(page.Find("#burn-up svg path.done"));
    }

    [Fact]
    public async Task The_counts_and_effort_by_status_match_the_milestones()
    {
        var page = await PortfolioAsync();

        var expected = _milestones.GroupBy(m => Name(m.Status)).ToDictionary(g => g.Key, g => (g.Count(), g.Sum(m => m.StoryPoints ?? 0), g.Sum(m => m.Weeks ?? 0)));
        foreach (var row in page.FindAll("#by-status tbody tr"))
        {
            var shown = (Int(row.QuerySelector("[data-count]")!, "data-count"), Int(row.QuerySelector("[data-story-points]")!, "data-story-points"), Decimal(row.QuerySelector("[data-weeks]")!, "data-weeks"));
            Assert.Equal(expected.GetValueOrDefault(row.GetAttribute("data-status")!), shown);
        }
        Assert.Equal(200, page.FindAll("#by-status [data-count]").Sum(c => Int(c, "data-count")));
    }

    [Fact]
    public async Task The_counts_by_priority_match_the_milestones()
    {
        var page = await PortfolioAsync();

        var expected = _milestones.GroupBy(m => Name(m.Priority)).ToDictionary(g => g.Key, g => g.Count());
        var rows = page.FindAll("#by-priority tbody tr");
        Assert.Equal(4, rows.Length);
        foreach (var row in rows)
            Assert.Equal(expected.GetValueOrDefault(row.GetAttribute("data-priority")!), Int(row.QuerySelector("[data-count]")!, "data-count"));
    }

    [Fact]
    public async Task The_milestones_and_effort_per_phase_match_the_milestones()
    {
        var page = await PortfolioAsync();

        var expected = _milestones.GroupBy(m => m.Phase?.ToString(CultureInfo.InvariantCulture) ?? "not set")
            .ToDictionary(g => g.Key, g => (g.Count(), g.Sum(m => m.StoryPoints ?? 0), g.Sum(m => m.Weeks ?? 0)));
        var shown = page.FindAll("#by-phase tbody tr").ToDictionary(r => r.GetAttribute("data-phase")!, r =>
            (Int(r.QuerySelector("[data-count]")!, "data-count"), Int(r.QuerySelector("[data-story-points]")!, "data-story-points"), Decimal(r.QuerySelector("[data-weeks]")!, "data-weeks")));
        Assert.Equal(expected.OrderBy(e => e.Key), shown.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task Every_cell_of_the_risk_heatmap_counts_the_risks_of_every_milestone()
    {
        var page = await PortfolioAsync();

        var risks = _milestones.SelectMany(m => m.Risks.TechnicalRisks.Concat(m.Risks.BusinessRisks)).ToList();
        var cells = page.FindAll("#risk-heatmap td[data-count]");
        Assert.Equal(9, cells.Length);
        foreach (var cell in cells)
        {
            var probability = TemplateSpelling.Parse<RiskLevel>(cell.GetAttribute("data-probability")!);
            var impact = TemplateSpelling.Parse<RiskLevel>(cell.GetAttribute("data-impact")!);
            Assert.Equal(risks.Count(r => r.Probability == probability && r.Impact == impact), Int(cell, "data-count"));
        }
        Assert.Equal(risks.Count, cells.Sum(c => Int(c, "data-count")));
    }

    private static int ListTotal(HtmlPage list) =>
        int.Parse(list.Find("#count")!.TextContent.Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_overdue_milestones_are_those_with_a_checkpoint_past_today_and_not_ticked_the_first_listed_all_in_the_list()
    {
        var page = await PortfolioAsync();

        var overdue = _milestones.Where(m => m.Checkpoints.All().Any(c => !c.Checkpoint.Reached && c.Checkpoint.Date < Today))
            .OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        Assert.True(overdue.Count > ChainForge.Milestones.Milestones.Tracking.Portfolio.Listed);
        Assert.Equal(overdue.Count, Int(page.Find("#overdue-count")!, "data-count"));
        var listed = overdue.Take(ChainForge.Milestones.Milestones.Tracking.Portfolio.Listed).ToList();
        Assert.Equal(listed.Sum(m => m.Checkpoints.All().Count(c => !c.Checkpoint.Reached && c.Checkpoint.Date < Today)), page.FindAll("#overdue li").Length);
        Assert.Equal(listed.Select(m => m.Id), page.FindAll("#overdue li").Select(li => li.GetAttribute("data-milestone")!).Distinct());
        var all = await HtmlPage.GetAsync(await _app.AuthorClientAsync(), page.Find("#all-overdue")!.GetAttribute("href")!);
        Assert.Equal(overdue.Count, ListTotal(all));
    }

    [Fact]
    public async Task The_blocked_milestones_are_those_under_way_with_a_prerequisite_not_completed_the_first_listed_all_in_the_list()
    {
        var page = await PortfolioAsync();

        var byId = _milestones.ToDictionary(m => m.Id);
        var underWay = new MilestoneStatus?[] { MilestoneStatus.InProgress, MilestoneStatus.Review, MilestoneStatus.Completed };
        var blocked = _milestones
            .Where(m => underWay.Contains(m.Status) && m.Dependencies.Any(d => byId.TryGetValue(d.Split(' ')[0], out var p) && p.Status != MilestoneStatus.Completed))
            .Select(m => m.Id).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(blocked);
        Assert.Equal(blocked.Count, Int(page.Find("#blocked-count")!, "data-count"));
        Assert.Equal(blocked.Take(ChainForge.Milestones.Milestones.Tracking.Portfolio.Listed), page.FindAll("#blocked li").Select(li => li.GetAttribute("data-milestone")!));
        var all = await HtmlPage.GetAsync(await _app.AuthorClientAsync(), page.Find("#all-blocked")!.GetAttribute("href")!);
        Assert.Equal(blocked.Count, ListTotal(all));
    }

    [Fact]
    public async Task A_heatmap_cell_links_to_the_list_of_its_risks_a_page_at_a_time()
    {
        var page = await PortfolioAsync();
        var client = await _app.AuthorClientAsync();
        var link = page.Find("#risk-heatmap td[data-probability='HIGH'][data-impact='LOW'] a")!.GetAttribute("href")!;

        var expected = _milestones.SelectMany(m => m.Risks.TechnicalRisks.Concat(m.Risks.BusinessRisks).Select(r => (m.Id, r)))
            .Where(x => x.r.Probability == RiskLevel.High && x.r.Impact == RiskLevel.Low).ToList();
        var first = await HtmlPage.GetAsync(client, link);
        var rows = first.FindAll("#risks tbody tr").ToList();
        var pages = (expected.Count + 49) / 50;
        for (var n = 2; n <= pages; n++)
            rows.AddRange((await HtmlPage.GetAsync(client, $"{link}&p={n}")).FindAll("#risks tbody tr"));

        Assert.Equal(expected.Count, Int(first.Find("#risk-count")!, "data-count"));
        Assert.Equal(Math.Min(50, expected.Count), first.FindAll("#risks tbody tr").Length);
        Assert.Equal(expected.Select(x => x.r.Description).Order(StringComparer.Ordinal), rows.Select(r => r.Children[1].TextContent).Order(StringComparer.Ordinal));
    }
}
