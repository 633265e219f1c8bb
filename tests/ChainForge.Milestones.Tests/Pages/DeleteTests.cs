using System.Net;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class DeleteTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task The_delete_page_says_what_will_be_deleted_and_deletes_nothing_yet()
    {
        await app.StoreAsync(Arrange.Named("M-201", "Storage Compaction"));

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-201/delete");

        Assert.Equal("M-201", page.Find("#delete-id")!.TextContent);
        Assert.Equal("Storage Compaction", page.Find("#delete-title")!.TextContent);
        using var db = app.CreateDbContext();
        Assert.NotNull(await db.Milestones.FindAsync(["M-201"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Confirming_deletes_and_returns_to_the_list_with_a_message()
    {
        await app.StoreAsync(Arrange.Named("M-202", "Peer Discovery"));
        var client = await app.AuthorClientAsync();
        var page = await HtmlPage.GetAsync(client, "/milestones/M-202/delete");

        var list = await page.SubmitAsync(client);

        Assert.Equal("/", list.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Deleted M-202: Peer Discovery.", list.Find("#message")!.TextContent, StringComparison.Ordinal);
        using var db = app.CreateDbContext();
        Assert.Null(await db.Milestones.FindAsync(["M-202"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_delete_without_the_antiforgery_token_is_refused()
    {
        await app.StoreAsync(Arrange.Named("M-203"));

        using var empty = new FormUrlEncodedContent([]);
        var response = await (await app.AuthorClientAsync()).PostAsync(new Uri("/milestones/M-203/delete", UriKind.Relative), empty, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var db = app.CreateDbContext();
        Assert.NotNull(await db.Milestones.FindAsync(["M-203"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Deleting_an_unknown_milestone_is_not_found()
    {
        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-299/delete");

        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
    }
}
