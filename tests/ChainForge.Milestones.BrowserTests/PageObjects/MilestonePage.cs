using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>A milestone's page, /milestones/{id}.</summary>
public sealed class MilestonePage(IPage page)
{
    private const string Status = "aside .badge.rounded-pill";
    private const string ChangedAfterApproval = "#changed-after-approval";
    private const string BrokenGate = "[data-broken-gate]";
    private const string ReviewState = "#review-state";
    private const string Actions = "#actions a";
    private static string Action(string name) => $"#actions a[data-action='{name}']";

    public static async Task<MilestonePage> OpenAsync(IPage page, string id)
    {
        await page.GotoAsync($"/milestones/{id}");
        return new MilestonePage(page);
    }

    public Task<string> StatusAsync() => page.Locator(Status).First.InnerTextAsync();

    public async Task<string?> ChangedAfterApprovalAsync() =>
        await page.Locator(ChangedAfterApproval).CountAsync() == 0 ? null : await page.Locator(ChangedAfterApproval).InnerTextAsync();

    public Task<int> BrokenGateCountAsync() => page.Locator(BrokenGate).CountAsync();

    public Task<string> ReviewStateAsync() => page.Locator(ReviewState).InnerTextAsync();

    /// <summary>The actions offered, by name: edit, history, review, export, delete.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync()
    {
        var actions = new List<string>();
        foreach (var link in await page.Locator(Actions).AllAsync())
            actions.Add(await link.GetAttributeAsync("data-action") ?? "");
        return actions;
    }

    public async Task<MilestoneEditorPage> EditAsync()
    {
        await page.Locator(Action("edit")).ClickAsync();
        await page.WaitForURLAsync("**/edit");
        return new MilestoneEditorPage(page);
    }

    /// <summary>Downloads the milestone's markdown through the Export button.</summary>
    public async Task<string> ExportAsync()
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator(Action("export")).ClickAsync());
        return await File.ReadAllTextAsync(await download.PathAsync());
    }
}
