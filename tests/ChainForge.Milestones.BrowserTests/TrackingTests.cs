using ChainForge.Milestones.BrowserTests.PageObjects;
using ChainForge.Milestones.Milestones;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>History, diff, restore and the portfolio, as a person clicks through them.</summary>
public sealed class TrackingTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    /// <summary>The editor is not here yet: two imports with different content make two revisions.</summary>
    private async Task ImportAsync(string markdown, string author)
    {
        await using var db = App.CreateDbContext();
        var plan = await Actors.AcceptingImportAsync(db, [new MilestoneFile("milestone.md", System.Text.Encoding.UTF8.GetBytes(markdown))], author, TimeProvider.System, Cancel);
        Assert.True(plan.Succeeded, string.Join("\n", plan.Errors));
    }

    [Fact]
    public async Task A_person_compares_two_revisions_and_restores_the_older_one()
    {
        await ImportAsync(Example, "alice");
        await ImportAsync(Example.Replace("Block Propagation Protocol", "Compact Block Relay", StringComparison.Ordinal), "bob");

        await Page.GotoAsync("/milestones/M-007/history");
        Assert.Equal(2, await Page.Locator("#revisions tbody tr").CountAsync());
        await Screenshot("history");

        await Page.Locator("#compare button[type=submit]").ClickAsync();
        await Page.WaitForAddressAsync(@"/history/diff\?");
        Assert.True(await Page.Locator("#diff td.table-warning", new() { HasText = "Compact Block Relay" }).CountAsync() > 0);
        await Screenshot("diff-side-by-side");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Unified" }).ClickAsync();
        Assert.True(await Page.Locator("#diff tr.table-danger").CountAsync() > 0);
        Assert.True(await Page.Locator("#diff tr.table-success").CountAsync() > 0);
        await Screenshot("diff-unified");

        await Page.GotoAsync("/milestones/M-007/history");
        await Page.Locator("#revisions tr[data-number='1']").GetByRole(AriaRole.Link, new() { Name = "Restore…" }).ClickAsync();
        await Screenshot("restore-confirmation");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Restore revision 1" }).ClickAsync();

        await Page.WaitForAddressAsync("/milestones/M-007/history$");
        Assert.Equal("restore", (await Page.Locator("#revisions tr[data-number='3'] td").Nth(1).InnerTextAsync()).Trim());
        await Screenshot("history-after-restore");
    }

    [Fact]
    public async Task The_portfolio_shows_the_heatmap_and_leads_to_the_risks_of_a_cell()
    {
        // The tests of a class share the app: this one has a milestone of its own.
        await ImportAsync(Example.Replace("M-007", "M-008", StringComparison.Ordinal), "alice");

        await Page.GotoAsync("/");
        await Page.Locator(".navbar").GetByRole(AriaRole.Link, new() { Name = "Portfolio" }).ClickAsync();
        await Page.WaitForAddressAsync("/portfolio$");
        var cell = Page.Locator("#risk-heatmap td[data-probability='MEDIUM'][data-impact='HIGH']");
        Assert.True(int.Parse(await cell.GetAttributeAsync("data-count") ?? "0", System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await Screenshot("portfolio");

        await cell.Locator("a").ClickAsync();
        await Page.WaitForAddressAsync(@"/portfolio/risks\?");
        Assert.Contains("Prefill likely-missing transactions", await Page.Locator("#risks tbody tr", new() { HasText = "M-008" }).InnerTextAsync(), StringComparison.Ordinal);
        await Screenshot("portfolio-risks");

        await Page.Locator(".navbar").GetByRole(AriaRole.Link, new() { Name = "Dependencies" }).ClickAsync();
        // The milestone page is built elsewhere; here the node only has to lead to it.
        Assert.Equal("/milestones/M-008", await Page.Locator("#dependency-graph a.node[data-id='M-008']").GetAttributeAsync("href"));
        await Screenshot("dependencies");
    }
}
