using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>One milestone, /milestones/{id}, rendered from its markdown, and its export.</summary>
public sealed class MilestonePage(IPage page, string id)
{
    public IPage Page => page;

    public string Id => id;

    public async Task<MilestonePage> GotoAsync()
    {
        await page.GotoAsync($"/milestones/{id}");
        return this;
    }

    /// <summary>The rendered milestone.</summary>
    public ILocator Rendered => page.Locator("#milestone");

    public ILocator RenderedLinks => Rendered.Locator("a");

    public ILocator ExportLink => page.Locator("#actions").GetByRole(AriaRole.Link, new() { Name = "Export .md" });

    public ILocator EditLink => page.Locator("#actions").GetByRole(AriaRole.Link, new() { Name = "Edit" });

    /// <summary>The export as the server sends it, fetched with the page's cookies (the link has <c>download</c>).</summary>
    public async Task<byte[]> DownloadExportAsync()
    {
        var response = await page.APIRequest.GetAsync($"/milestones/{id}/export");
        Assert.True(response.Ok, $"export of {id}: {response.Status}");
        return await response.BodyAsync();
    }

    public Task GotoHistoryAsync() => page.GotoAsync($"/milestones/{id}/history");

    public Task GotoReviewAsync() => page.GotoAsync($"/milestones/{id}/review");
}
