using System.Net;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.History;

public sealed class HistoryPageTests(MilestonesAppFactory factory) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Stores the example under <paramref name="id"/> twice: as it is, then with another title.</summary>
    private async Task ImportTwiceAsync(string id, string secondTitle)
    {
        var first = Fixture.Example.Replace("M-007", id, StringComparison.Ordinal);
        var second = first.Replace("Block Propagation Protocol", secondTitle, StringComparison.Ordinal);
        foreach (var (text, author) in new[] { (first, "alice"), (second, "bob") })
        {
            await using var db = factory.CreateDbContext();
            var plan = await Actors.AcceptingImportAsync(db, [new MilestoneFile($"{id}.md", System.Text.Encoding.UTF8.GetBytes(text))], author, TimeProvider.System, Cancel);
            Assert.True(plan.Succeeded);
        }
    }

    [Fact]
    public async Task The_history_lists_each_revision_newest_first_with_who_and_kind()
    {
        await ImportTwiceAsync("H-001", "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-001/history");

        var rows = page.FindAll("#revisions tbody tr");
        Assert.Equal(["2", "1"], rows.Select(r => r.GetAttribute("data-number")));
        Assert.Equal(["bob", "alice"], rows.Select(r => r.Children[2].TextContent));
        Assert.All(rows, r => Assert.Equal("import", r.Children[1].TextContent.Trim()));
    }

    [Fact]
    public async Task The_history_shows_the_burn_up_of_its_revisions_with_the_figures_as_a_table()
    {
        var example = Fixture.Example.Replace("M-007", "H-050", StringComparison.Ordinal);
        var tasks = MarkdownImporterTasks(example);
        await ImportTwiceAsync("H-050", "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-050/history");

        Assert.NotNull(page.Find("#burn-up svg[role=img] path.planned"));
        // One day of revisions (and today, when the app's clock is later): neither changed the tasks.
        var rows = page.FindAll("#burn-up-table tbody tr");
        Assert.InRange(rows.Length, 1, 2);
        Assert.All(rows, row => Assert.Equal($"{tasks.Done} {tasks.Planned} ", $"{row.Children[1].TextContent} {row.Children[2].TextContent} {row.Children[3].TextContent}"));
        Assert.Contains($"{tasks.Done} of {tasks.Planned} tasks done", page.Find("#burn-up-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-050")).Find("a#burn-up-link[href='/milestones/H-050/history#progress-over-time']"));
    }

    private static (int Planned, int Done) MarkdownImporterTasks(string markdown)
    {
        var milestone = ChainForge.Milestones.Milestones.Markdown.MarkdownImporter.Import(markdown).Milestone!;
        var tasks = milestone.ImplementationPlan.Phases.SelectMany(p => p.Tasks).ToList();
        return (tasks.Count, tasks.Count(t => t.Done));
    }

    [Fact]
    public async Task The_history_of_a_milestone_that_does_not_exist_is_not_found()
    {
        var response = await (await factory.AuthorClientAsync()).GetAsync(new Uri("/milestones/NOPE/history", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_diff_marks_the_old_line_deleted_and_the_new_line_inserted()
    {
        await ImportTwiceAsync("H-002", "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-002/history/diff?from=1&to=2&view=unified");

        var changed = page.FindAll("#diff tbody tr").Where(r => r.GetAttribute("data-change") != "unchanged").ToList();
        Assert.Contains(changed, r => r.ClassList.Contains("table-danger") && r.TextContent.Contains("- **Title**: Block Propagation Protocol", StringComparison.Ordinal));
        Assert.Contains(changed, r => r.ClassList.Contains("table-success") && r.TextContent.Contains("- **Title**: Compact blocks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_unified_diff_names_its_changes_in_lowercase_as_the_side_by_side_does()
    {
        await ImportTwiceAsync("H-034", "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-034/history/diff?from=1&to=2&view=unified");

        var changes = page.FindAll("#diff tbody tr[data-change]").Select(r => r.GetAttribute("data-change")).ToHashSet();
        Assert.Equal(["deleted", "inserted", "unchanged"], changes.Order());
    }

    [Fact]
    public async Task The_side_by_side_diff_shows_both_revisions_in_one_row()
    {
        await ImportTwiceAsync("H-003", "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-003/history/diff?from=1&to=2");

        var titleRow = page.FindAll("#diff tbody tr").Single(r => r.TextContent.Contains("**Title**", StringComparison.Ordinal));
        Assert.Equal("changed", titleRow.GetAttribute("data-change"));
        Assert.Contains("Block Propagation Protocol", titleRow.Children[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Compact blocks", titleRow.Children[3].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("H-030", "side-by-side")]
    [InlineData("H-031", "unified")]
    public async Task The_diff_of_a_small_change_leaves_out_the_unchanged_lines_far_from_it(string id, string view)
    {
        await ImportTwiceAsync(id, "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), $"/milestones/{id}/history/diff?from=1&to=2&view={view}");

        var rows = page.FindAll("#diff tbody tr");
        // Two changes (the title, and the approval it made stale) in a file of about 220 lines.
        Assert.InRange(rows.Count, 4, 30);
        Assert.Contains(rows, r => r.TextContent.Contains("Compact blocks", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.TextContent.Contains("## Problem Statement", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.TextContent.Trim() == "⋯");
    }

    [Fact]
    public async Task The_diff_shows_markup_in_a_milestone_as_text()
    {
        await ImportTwiceAsync("H-004", "<script>alert(1)</script>");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-004/history/diff?from=1&to=2&view=unified");

        Assert.Null(page.Find("#diff script"));
        Assert.Contains(page.FindAll("#diff td"), td => td.TextContent.Contains("<script>alert(1)</script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Restoring_through_the_form_brings_the_old_content_back_as_a_new_revision()
    {
        await ImportTwiceAsync("H-005", "Compact blocks");
        var client = await factory.AuthorClientAsync();
        var confirm = await HtmlPage.GetAsync(client, "/milestones/H-005/history/1/restore");

        var history = await confirm.SubmitAsync(client, "#restore");

        Assert.Equal("/milestones/H-005/history", history.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("restore", history.Find("#revisions tbody tr[data-number='3'] td:nth-child(2)")!.TextContent.Trim());
        await using var db = factory.CreateDbContext();
        Assert.Equal("Block Propagation Protocol", (await db.Milestones.SingleAsync(m => m.Id == "H-005", Cancel)).Title);
        Assert.Equal(RevisionKind.Restore, (await db.Revisions.SingleAsync(r => r.MilestoneId == "H-005" && r.Number == 3, Cancel)).Kind);
    }

    [Fact]
    public async Task Restoring_the_revision_that_holds_the_current_content_offers_nothing_to_confirm()
    {
        await ImportTwiceAsync("H-034", "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-034/history/2/restore");

        Assert.Contains("nothing to restore", page.Find("#nothing-to-restore")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find("#restore"));
    }

    [Fact]
    public async Task The_restore_confirmation_shows_the_change_with_unchanged_lines_around_it_folded()
    {
        await ImportTwiceAsync("H-033", "Compact blocks");

        var page = await HtmlPage.GetAsync(await factory.AuthorClientAsync(), "/milestones/H-033/history/1/restore");

        var rows = page.FindAll("#diff tbody tr");
        Assert.Contains(rows, r => r.GetAttribute("data-change") == "unchanged");
        Assert.Contains(rows, r => r.TextContent.Trim() == "⋯");
        Assert.DoesNotContain(rows, r => r.TextContent.Contains("## Problem Statement", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restore_says_which_revision_it_brought_back_and_which_it_made()
    {
        await ImportTwiceAsync("H-032", "Compact blocks");
        var client = await factory.AuthorClientAsync();
        var confirm = await HtmlPage.GetAsync(client, "/milestones/H-032/history/1/restore");

        var history = await confirm.SubmitAsync(client, "#restore");

        Assert.Equal("Restored revision 1 as revision 3.", history.Find("#message")!.ChildNodes[0].TextContent.Trim());
    }

    [Fact]
    public async Task A_restore_confirmed_on_a_stale_page_is_refused_with_a_message()
    {
        await ImportTwiceAsync("H-006", "Compact blocks");
        var client = await factory.AuthorClientAsync();
        var confirm = await HtmlPage.GetAsync(client, "/milestones/H-006/history/1/restore");
        await ImportTwiceAsync("H-006", "Saved meanwhile");

        var refused = await confirm.SubmitAsync(client, "#restore");

        Assert.Contains("Not restored: bob saved the milestone since you opened this page.", refused.Find(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        await using var db = factory.CreateDbContext();
        Assert.Equal("Saved meanwhile", (await db.Milestones.SingleAsync(m => m.Id == "H-006", Cancel)).Title);
    }

    [Fact]
    public async Task A_restore_without_the_antiforgery_token_is_rejected()
    {
        await ImportTwiceAsync("H-007", "Compact blocks");
        using var content = new FormUrlEncodedContent([new("Version", Guid.NewGuid().ToString())]);

        var response = await (await factory.AuthorClientAsync()).PostAsync(new Uri("/milestones/H-007/history/1/restore", UriKind.Relative), content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
