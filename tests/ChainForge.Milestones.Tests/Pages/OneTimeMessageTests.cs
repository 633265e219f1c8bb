using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Pages;

/// <summary>The message after a change says what was done as a success, and what was not done as a warning.</summary>
public sealed class OneTimeMessageTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    /// <summary>An author asks for review from the milestone's page; <paramref name="stale"/>: from a page someone's save has overtaken.</summary>
    private async Task<(HttpClient Author, HtmlPage Answer)> RequestReviewAsync(Milestone milestone, bool stale = false)
    {
        await app.StoreAsync(milestone);
        var author = await app.SignedInClientAsync("olga", Roles.Author);
        var page = await HtmlPage.GetAsync(author, $"/milestones/{milestone.Id}");
        var changes = stale ? new Dictionary<string, string> { ["Version"] = Guid.NewGuid().ToString() } : null;
        return (author, await page.SubmitAsync(author, "form[action$='/request-review']", changes));
    }

    [Fact]
    public async Task A_request_for_review_that_went_through_is_a_success()
    {
        var example = Arrange.Example();
        example.Id = "M-961";

        var (_, sent) = await RequestReviewAsync(example);

        var message = sent.Find("#message")!;
        Assert.Contains("M-961 is in review", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("alert-success", message.ClassList);
        Assert.Equal("status", message.GetAttribute("role"));
    }

    [Fact]
    public async Task A_refused_request_for_review_is_a_warning_with_its_reasons()
    {
        var (_, refused) = await RequestReviewAsync(Arrange.Named("M-965"));

        Assert.StartsWith("Not sent for review. Review needs", refused.Find("#message.alert-warning")!.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_for_review_from_a_stale_page_is_a_warning_not_a_success()
    {
        var savedByBob = Arrange.Named("M-962", "Block relay");
        savedByBob.LastEditedBy = "bob";

        var (_, refused) = await RequestReviewAsync(savedByBob, stale: true);

        var message = refused.Find("#message")!;
        Assert.Contains("Not sent for review: bob saved M-962 since you opened it.", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("alert-warning", message.ClassList);
        Assert.Equal("alert", message.GetAttribute("role"));
        Assert.Null(refused.Find(".alert-success"));
    }

    [Fact]
    public async Task A_stale_page_overtaken_by_ones_own_save_says_so()
    {
        var savedByOlga = Arrange.Named("M-966");
        savedByOlga.LastEditedBy = "olga";

        var (_, refused) = await RequestReviewAsync(savedByOlga, stale: true);

        Assert.Contains("Not sent for review: you (in another window) saved M-966", refused.Find("#message.alert-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrators_refused_action_is_a_warning_too()
    {
        await app.StoreAsync(Arrange.Named("M-963"));
        var author = await app.AuthorClientAsync();
        await (await HtmlPage.GetAsync(author, "/milestones/M-963/archive")).SubmitAsync(author);
        var admin = await app.SignedInClientAsync("root", Roles.Admin);
        var archive = await HtmlPage.GetAsync(admin, "/admin/archive");

        var unticked = await archive.SubmitAsync(admin, "#archive tr[data-id='M-963'] form[action*='Purge']");

        Assert.Contains("Nothing purged", unticked.Find("#message.alert-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_is_shown_once()
    {
        var (author, _) = await RequestReviewAsync(Arrange.Named("M-964"), stale: true);

        var again = await HtmlPage.GetAsync(author, "/milestones/M-964");

        Assert.Null(again.Find("#message"));
    }
}
