using System.Net;

using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.Milestones;

public sealed class ArchiveTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task The_archive_page_says_what_will_be_archived_and_archives_nothing_yet()
    {
        await app.StoreAsync(Arrange.Named("M-201", "Storage Compaction"));

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-201/archive");

        Assert.Equal("M-201", page.Find("#archive-id")!.TextContent);
        Assert.Equal("Storage Compaction", page.Find("#archive-title")!.TextContent);
        using var db = app.CreateDbContext();
        Assert.NotNull(await db.Milestones.FindAsync(["M-201"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Confirming_archives_keeps_the_history_and_returns_to_the_list_with_a_message()
    {
        await app.StoreAsync(Arrange.Named("M-202", "Peer Discovery"));
        var client = await app.AuthorClientAsync();
        var page = await HtmlPage.GetAsync(client, "/milestones/M-202/archive");

        var list = await page.SubmitAsync(client);

        Assert.Equal("/", list.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Archived M-202: Peer Discovery. An administrator can bring it back.", list.Find("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.Find("a[href='/milestones/M-202']"));
        using var db = app.CreateDbContext();
        Assert.Null(await db.Milestones.FirstOrDefaultAsync(m => m.Id == "M-202", TestContext.Current.CancellationToken));
        var archived = await db.Milestones.IgnoreQueryFilters().SingleAsync(m => m.Id == "M-202", TestContext.Current.CancellationToken);
        Assert.Equal("ada", archived.ArchivedBy);
        Assert.Contains(db.AuditEvents, a => a.MilestoneId == "M-202" && a.Action == ChainForge.Milestones.Audit.AuditAction.MilestoneArchived && a.Actor == "ada");
    }

    [Fact]
    public async Task Archiving_again_from_a_second_tab_says_it_is_in_the_archive_already()
    {
        await app.StoreAsync(Arrange.Named("M-204"));
        var client = await app.AuthorClientAsync();
        var first = await HtmlPage.GetAsync(client, "/milestones/M-204/archive");
        var second = await HtmlPage.GetAsync(client, "/milestones/M-204/archive");
        await first.SubmitAsync(client);

        var again = await second.SubmitAsync(client);

        Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
        Assert.Equal("/", again.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("M-204 is in the archive already", again.Find("#message.alert-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_archive_without_the_antiforgery_token_is_refused()
    {
        await app.StoreAsync(Arrange.Named("M-203"));

        using var empty = new FormUrlEncodedContent([]);
        var response = await (await app.AuthorClientAsync()).PostAsync(new Uri("/milestones/M-203/archive", UriKind.Relative), empty, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var db = app.CreateDbContext();
        Assert.NotNull(await db.Milestones.FindAsync(["M-203"], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Archiving_an_unknown_milestone_is_not_found()
    {
        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-299/archive");

        Assert.Equal(HttpStatusCode.NotFound, page.Response.StatusCode);
    }
}
