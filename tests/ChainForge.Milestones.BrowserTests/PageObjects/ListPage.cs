using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>The list of milestones, /.</summary>
public sealed class ListPage(IPage page)
{
    public async Task<ListPage> GotoAsync()
    {
        await page.GotoAsync("/");
        return this;
    }

    public ILocator Rows => page.Locator("table.milestones tbody tr");

    public ILocator Row(string id) => Rows.Filter(new() { Has = page.Locator($"a[href='/milestones/{id}']") });
}
