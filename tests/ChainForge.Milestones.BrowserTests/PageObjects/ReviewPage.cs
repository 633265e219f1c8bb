using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>A milestone's review page, /milestones/{id}/review: one card per review kind.</summary>
public sealed class ReviewPage(IPage page)
{
    private static string Card(string kind) => $"[data-kind='{kind}']";
    private const string StatusBadge = "[data-review-status]";
    private const string Stale = "[data-stale]";
    private const string Deleted = "tr[data-change='deleted']";
    private const string Inserted = "tr[data-change='inserted']";
    private const string Recorded = "#message";
    private static string ApproveChoice(string kind) => $"label[for='{kind.ToLowerInvariant()}-approved']";

    public static async Task<ReviewPage> OpenAsync(IPage page, string id)
    {
        await page.GotoAsync($"/milestones/{id}/review");
        return new ReviewPage(page);
    }

    /// <summary><paramref name="kind"/>: Technical or Business.</summary>
    private ILocator CardOf(string kind) => page.Locator(Card(kind));

    /// <summary>The milestone as the review page shows it beside the decisions.</summary>
    public ILocator Content => page.Locator("#milestone");

    public async Task<string> StatusAsync(string kind) => (await CardOf(kind).Locator(StatusBadge).InnerTextAsync()).Trim();

    public async Task<string?> StaleNoticeAsync(string kind) =>
        await CardOf(kind).Locator(Stale).CountAsync() == 0 ? null : await CardOf(kind).Locator(Stale).InnerTextAsync();

    /// <summary>The lines of the diff since the approval: what was taken out and what was put in.</summary>
    public async Task<(IReadOnlyList<string> Deleted, IReadOnlyList<string> Inserted)> ChangesSinceApprovalAsync(string kind) =>
        (await CardOf(kind).Locator(Deleted).AllInnerTextsAsync(), await CardOf(kind).Locator(Inserted).AllInnerTextsAsync());

    /// <summary>Leaves a comment on one section and waits for the app to keep it.</summary>
    public async Task CommentAsync(string section, string text)
    {
        await page.Locator("#comment-section").SelectOptionAsync(section);
        await page.Locator("#comment-text").FillAsync(text);
        await page.Locator("#comment-form").GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
        await page.Locator(Recorded, new() { HasText = $"Comment on {section} kept" }).WaitForAsync();
    }

    /// <summary>Approves the review of <paramref name="kind"/> and waits for the app to record it.</summary>
    public async Task ApproveAsync(string kind)
    {
        var card = CardOf(kind);
        await card.Locator(ApproveChoice(kind)).ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = $"Record {kind.ToLowerInvariant()} decision" }).ClickAsync();
        await page.Locator(Recorded, new() { HasText = $"{kind.ToLowerInvariant()} review APPROVED" }).WaitForAsync();
    }
}
