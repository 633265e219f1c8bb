using ChainForge.Milestones.Accounts;

namespace ChainForge.Milestones.Tests.Pages.Milestones;

/// <summary>A reviewer comments on a section from the review page; an author resolves it on the milestone page.</summary>
public sealed class CommentsTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task A_reviewers_comment_on_a_section_is_listed_on_the_milestone_page_until_an_author_resolves_it()
    {
        await app.StoreAsync(Arrange.Named("M-901", "Compact blocks"));
        var reviewer = await app.SignedInClientAsync("rui", Roles.Reviewer);
        var review = await HtmlPage.GetAsync(reviewer, "/milestones/M-901/review");

        var commented = await review.SubmitAsync(reviewer, "#comment-form", new Dictionary<string, string>
        {
            ["Comment.Section"] = "Technical Design",
            ["Comment.Text"] = "Say how peers without the mempool catch up.",
        });
        Assert.Contains("Comment on Technical Design kept", commented.Find("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Say how peers without the mempool catch up.", commented.Find("#section-comments")!.TextContent, StringComparison.Ordinal);

        var author = await app.SignedInClientAsync("olga", Roles.Author);
        var page = await HtmlPage.GetAsync(author, "/milestones/M-901");
        Assert.Equal("1 open", page.Find("#comments .badge")!.TextContent);
        var resolved = await page.SubmitAsync(author, "#comments form");

        Assert.Contains("Comment resolved.", resolved.Find("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0 open", resolved.Find("#comments .badge")!.TextContent);
        Assert.Contains("Resolved by olga", resolved.Find("#comments [data-resolved=True]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_comment_is_refused_beside_the_field()
    {
        await app.StoreAsync(Arrange.Named("M-902"));
        var reviewer = await app.SignedInClientAsync("rui", Roles.Reviewer);
        var review = await HtmlPage.GetAsync(reviewer, "/milestones/M-902/review");

        var refused = await review.SubmitAsync(reviewer, "#comment-form", new Dictionary<string, string> { ["Comment.Text"] = " " });

        Assert.Contains("Write the comment.", refused.Find("#comment-form")!.TextContent, StringComparison.Ordinal);
        var field = Assert.Single(refused.FindAll("[autofocus]"));
        Assert.Equal("comment-text", field.Id);
        Assert.Equal("comment-text-error", field.GetAttribute("aria-describedby"));
        Assert.NotNull(refused.Find("#section-comments [data-no-comments]"));
    }
}
