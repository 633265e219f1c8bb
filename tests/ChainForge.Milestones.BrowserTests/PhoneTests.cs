using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>The app on a 390 px phone: nothing scrolls sideways, and the list is a stack of cards.</summary>
public sealed class PhoneTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    private const string LongTitle = "A title far longer than any list row should be tall, written by someone who put the whole problem statement into it, "
        + "with more words about peers, blocks, mempools and relays than fit on a phone, and then some more to be sure of it";

    public static TheoryData<string> Pages() =>
    [
        "/", "/milestones/M-801", "/milestones/M-801/edit", "/milestones/M-801/history", "/milestones/M-801/review",
        "/reviews", "/portfolio", "/dependencies", "/notifications", "/admin/users", "/admin/audit",
    ];

    private async Task OnAPhoneAsync()
    {
        await StoreExampleAsync("M-801");
        await StoreExampleAsync("M-802");
        await using (var db = App.CreateDbContext())
        {
            var milestone = await db.Milestones.FindAsync(["M-802"], Cancel);
            milestone!.Title = LongTitle;
            await db.SaveChangesAsync(Cancel);
        }
        await Page.SetViewportSizeAsync(390, 844);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_does_not_scroll_sideways_on_a_phone(string url)
    {
        await OnAPhoneAsync();

        await Page.GotoAsync(url);

        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{url} is {widths[0]} px wide in a {widths[1]} px window");
    }

    [Fact]
    public async Task The_list_is_a_stack_of_cards_with_long_titles_cut_short()
    {
        await OnAPhoneAsync();

        await Page.GotoAsync("/");
        Directory.CreateDirectory(Path.Combine("TestResults", "screenshots"));
        await Page.ScreenshotAsync(new() { Path = Path.Combine("TestResults", "screenshots", "phone-list.png"), FullPage = true });

        var row = Page.Locator("table.milestones tbody tr[data-id='M-802']");
        Assert.Equal("grid", await row.EvaluateAsync<string>("r => getComputedStyle(r).display"));
        var title = row.Locator("td.cell-title a");
        await Assertions.Expect(title).ToHaveAttributeAsync("title", LongTitle);
        // Two lines of text at most: the rest is cut with an ellipsis.
        var sizes = await title.EvaluateAsync<double[]>("a => [a.getBoundingClientRect().height, parseFloat(getComputedStyle(a).lineHeight)]");
        Assert.True(sizes[0] <= 2.5 * sizes[1], $"the title is {sizes[0]} px high, lines {sizes[1]} px");
        // Each cell says what it is.
        Assert.Equal("Status", await row.Locator("td[data-label='Status']").GetAttributeAsync("data-label"));
    }
}
