using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>One milestone's page, /milestones/{id}: the rendered milestone, its tracking and review panels, its actions, its export.</summary>
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

    /// <summary>A box of a list, by its name (<c>Requirements.Functional[0]</c>): tickable in place by authors.</summary>
    public ILocator Box(string name) => Rendered.Locator($"input[data-box='{name}']");

    /// <summary>
    /// One click on a box, as a person makes it. Not Playwright's CheckAsync: the page replaces
    /// its boxes once the server answers, and a box replaced before CheckAsync looks at it again
    /// is clicked a second time, in the new page, which saves a tick the test meant to be refused.
    /// </summary>
    public Task TickAsync(string name) => Box(name).ClickAsync();

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

    private const string Status = "aside .badge.rounded-pill";
    private const string ChangedAfterApproval = "#changed-after-approval";
    private const string BrokenGate = "[data-broken-gate]";
    private const string ReviewState = "#review-state";
    private const string Actions = "#actions a";
    private static string Action(string name) => $"#actions a[data-action='{name}']";

    public static Task<MilestonePage> OpenAsync(IPage page, string id) => new MilestonePage(page, id).GotoAsync();

    public Task<string> StatusAsync() => page.Locator(Status).First.InnerTextAsync();

    public async Task<string?> ChangedAfterApprovalAsync() =>
        await page.Locator(ChangedAfterApproval).CountAsync() == 0 ? null : await page.Locator(ChangedAfterApproval).InnerTextAsync();

    public Task<int> BrokenGateCountAsync() => page.Locator(BrokenGate).CountAsync();

    public ILocator Message => page.Locator("#message");

    /// <summary>
    /// Presses Request review and waits until the page shows <paramref name="expected"/> in its message.
    /// The answer redirects to the URL the page already has, so waiting for that URL would race the navigation.
    /// </summary>
    public async Task RequestReviewAsync(string expected)
    {
        await page.RunAndWaitForResponseAsync(
            () => page.Locator("[data-action='request-review']").ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("/request-review", StringComparison.Ordinal));
        await Assertions.Expect(Message).ToContainTextAsync(expected);
    }

    /// <summary>The stale notice of one review (Technical or Business), or null.</summary>
    public async Task<string?> ChangedAfterApprovalAsync(string kind)
    {
        var notice = page.Locator($"[data-changed-after-approval='{kind}']");
        return await notice.CountAsync() == 0 ? null : await notice.InnerTextAsync();
    }

    public Task<string> ReviewStateAsync() => page.Locator(ReviewState).InnerTextAsync();

    /// <summary>The actions offered as links, by name: edit, history, review, export, archive.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync()
    {
        var actions = new List<string>();
        foreach (var link in await page.Locator(Actions).AllAsync())
            actions.Add(await link.GetAttributeAsync("data-action") ?? "");
        return actions;
    }

    public async Task<EditorPage> EditAsync()
    {
        await page.Locator(Action("edit")).ClickAsync();
        await page.WaitForAddressAsync("/edit(#.*)?$");
        return new EditorPage(page);
    }

    /// <summary>Downloads the milestone's markdown through the Export button.</summary>
    public async Task<string> ExportAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator(Action("export")).ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync());
    }
}
