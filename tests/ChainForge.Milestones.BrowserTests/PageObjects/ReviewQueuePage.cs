using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>The review queue, /reviews.</summary>
public sealed class ReviewQueuePage(IPage page)
{
    private const string WaitingRows = "#waiting tbody tr";
    private const string ReviewLink = "a:text-is('Review')";

    public static async Task<ReviewQueuePage> OpenAsync(IPage page)
    {
        await page.GotoAsync("/reviews");
        return new ReviewQueuePage(page);
    }

    /// <summary>The IDs of the milestones waiting for the signed-in reviewer.</summary>
    public async Task<IReadOnlyList<string>> WaitingAsync() =>
        [.. (await page.Locator(WaitingRows).Locator("td code").AllInnerTextsAsync()).Select(t => t.Trim())];

    public async Task<ReviewPage> OpenReviewAsync(string id)
    {
        await page.Locator(WaitingRows, new() { Has = page.Locator($"code:text-is('{id}')") }).Locator(ReviewLink).ClickAsync();
        await page.WaitForAddressAsync($"/milestones/{System.Text.RegularExpressions.Regex.Escape(id)}/review$");
        return new ReviewPage(page);
    }
}
