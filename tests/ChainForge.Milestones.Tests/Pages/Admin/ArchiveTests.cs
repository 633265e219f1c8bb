using ChainForge.Milestones.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.Admin;

/// <summary>The administrators' archive: bring a milestone back, or purge it for good.</summary>
public sealed class ArchiveTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ArchivedAsync(string id)
    {
        await app.StoreAsync(Arrange.Named(id, "Storage Compaction"));
        var client = await app.AuthorClientAsync();
        await (await HtmlPage.GetAsync(client, $"/milestones/{id}/archive")).SubmitAsync(client);
        return client;
    }

    [Fact]
    public async Task An_archived_milestone_is_listed_and_comes_back_into_the_list()
    {
        var client = await ArchivedAsync("M-601");
        var archive = await HtmlPage.GetAsync(client, "/admin/archive");
        Assert.Contains("by ada", archive.Find("#archive tr[data-id='M-601']")!.TextContent, StringComparison.Ordinal);

        var list = await archive.SubmitAsync(client, "#archive tr[data-id='M-601'] form[action*='BringBack']");

        Assert.Contains("M-601 is back in the list.", list.Find("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.Find("#archive tr[data-id='M-601']"));
        Assert.NotNull((await HtmlPage.GetAsync(client, "/")).Find("a[href='/milestones/M-601']"));
    }

    [Fact]
    public async Task A_purge_needs_its_box_ticked_then_deletes_for_good_and_is_in_the_audit_log()
    {
        var client = await ArchivedAsync("M-602");
        var archive = await HtmlPage.GetAsync(client, "/admin/archive");
        var unticked = await archive.SubmitAsync(client, "#archive tr[data-id='M-602'] form[action*='Purge']");
        Assert.Contains("Nothing purged", unticked.Find("#message")!.TextContent, StringComparison.Ordinal);

        var purged = await unticked.SubmitAsync(client, "#archive tr[data-id='M-602'] form[action*='Purge']", new Dictionary<string, string> { ["confirm"] = "true" });

        Assert.Contains("Purged M-602", purged.Find("#message")!.TextContent, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.False(await db.Milestones.IgnoreQueryFilters().AnyAsync(m => m.Id == "M-602", Cancel));
        var log = await HtmlPage.GetAsync(client, "/admin/audit?milestone=M-602");
        Assert.Equal(["MilestonePurged", "MilestoneArchived"], log.FindAll("#audit tbody tr").Select(r => r.GetAttribute("data-action")).Take(2));
    }

    [Fact]
    public async Task Only_administrators_see_the_archive()
    {
        var author = await app.SignedInClientAsync("olga", Roles.Author);

        var response = await author.GetAsync(new Uri("/admin/archive", UriKind.Relative), Cancel);

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
    }
}
