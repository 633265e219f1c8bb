using System.Net;
using System.Text;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.Reviews;

/// <summary>The review section in the browser: decisions by signed-in reviewers, never typed names.</summary>
public sealed class ReviewPageTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await app.EnsureUserAsync("dana", Roles.Author, Roles.Reviewer);
        await app.EnsureUserAsync("priya", Roles.Reviewer);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Imports a milestone as dana would, with its review section blank.</summary>
    private async Task<string> ImportAsync(string id, Func<string, string>? change = null)
    {
        var text = Fixture.Example.Replace("M-007", id, StringComparison.Ordinal)
            .Replace("- **Reviewer**: Priya Natarajan\n- **Date**: 2026-11-18\n- **Status**: APPROVED\n- **Comments**: Wire format is sound; add the fuzz target before phase 3.",
                "- **Reviewer**: [REVIEWER_NAME]\n- **Date**: [REVIEW_DATE]\n- **Status**: [APPROVED/PENDING/REJECTED]\n- **Comments**: [REVIEW_COMMENTS]", StringComparison.Ordinal)
            .Replace("- **Status**: IN_PROGRESS", "- **Status**: REVIEW", StringComparison.Ordinal);
        text = change?.Invoke(text) ?? text;
        await using var db = app.CreateDbContext();
        var plan = await MilestoneFiles.ImportAsync(db, [new MilestoneFile($"{id}.md", Encoding.UTF8.GetBytes(text))], "dana", app.Clock, Cancel);
        Assert.True(plan.Succeeded, string.Join('\n', plan.Errors));
        return id;
    }

    private async Task<Milestone> StoredAsync(string id)
    {
        await using var db = app.CreateDbContext();
        return await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == id, Cancel);
    }

    private static Task<HtmlPage> Decide(HttpClient client, HtmlPage page, string kind, string status, string comments = "") =>
        page.SubmitAsync(client, $"[data-kind='{kind}'] form", new Dictionary<string, string> { ["Input.Status"] = status, ["Input.Comments"] = comments });

    [Fact]
    public async Task An_approval_takes_the_reviewers_name_and_todays_date_from_the_account_and_the_clock()
    {
        var id = await ImportAsync("M-101");
        var client = await app.SignedInClientAsync("priya");
        var page = await HtmlPage.GetAsync(client, $"/milestones/{id}/review");

        var approved = await Decide(client, page, "Technical", "Approved", "Looks right");

        Assert.Contains("Recorded: technical review APPROVED.", approved.Find(".alert-success")!.TextContent, StringComparison.Ordinal);
        var markdown = MarkdownExporter.Export(await StoredAsync(id));
        Assert.Contains("### Technical Review\n\n- **Reviewer**: priya\n- **Date**: 2026-11-25\n- **Status**: APPROVED\n- **Comments**: Looks right\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_download_after_a_decision_is_the_export_of_the_milestone_as_stored()
    {
        var id = await ImportAsync("M-102");
        var client = await app.SignedInClientAsync("priya");
        await Decide(client, await HtmlPage.GetAsync(client, $"/milestones/{id}/review"), "Business", "Rejected", "Needs a cost estimate");

        var author = await app.SignedInClientAsync("dana");
        var downloaded = await author.GetStringAsync(new Uri($"/milestones/{id}/export", UriKind.Relative), Cancel);

        Assert.Equal(MarkdownExporter.Export(await StoredAsync(id)), downloaded);
        Assert.Contains("- **Status**: REJECTED\n- **Comments**: Needs a cost estimate\n", downloaded, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejection_without_comments_is_refused_beside_the_field_and_stores_nothing()
    {
        var id = await ImportAsync("M-102");
        var client = await app.SignedInClientAsync("priya");
        var page = await HtmlPage.GetAsync(client, $"/milestones/{id}/review");

        var refused = await Decide(client, page, "Business", "Rejected");

        Assert.Contains("A rejection needs comments", refused.Find("[data-kind='Business'] form")!.TextContent, StringComparison.Ordinal);
        var business = (await StoredAsync(id)).Review.BusinessReview;
        Assert.Equal((ReviewStatus.Pending, ""), (business.Status, business.Reviewer));
    }

    [Fact]
    public async Task The_author_of_a_milestone_may_not_review_it()
    {
        var id = await ImportAsync("M-103");
        var client = await app.SignedInClientAsync("dana");
        var page = await HtmlPage.GetAsync(client, $"/milestones/{id}/review");
        Assert.Contains("another reviewer must review it", page.Find("[role='note']")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Find("[data-kind='Technical'] form"));

        var token = page.Find("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Kind"] = "Technical",
            ["Input.Status"] = "Approved",
            ["Input.Version"] = (await StoredAsync(id)).Version.ToString(),
        });
        var response = await client.PostAsync(new Uri($"/milestones/{id}/review", UriKind.Relative), forged, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await StoredAsync(id)).Review.TechnicalReview.Status);
    }

    [Fact]
    public async Task An_import_that_changes_approved_content_makes_the_approval_stale_and_shows_what_changed()
    {
        var id = await ImportAsync("M-104");
        var client = await app.SignedInClientAsync("priya");
        await Decide(client, await HtmlPage.GetAsync(client, $"/milestones/{id}/review"), "Business", "Approved");
        var approvedMarkdown = MarkdownExporter.Export(await StoredAsync(id));

        var changed = approvedMarkdown.Replace("- [ ] Fall back to full block relay after two failed rebuilds", "- [ ] Fall back to full block relay after three failed rebuilds", StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
            await MilestoneFiles.ImportAsync(db, [new MilestoneFile("edited.md", Encoding.UTF8.GetBytes(changed))], "dana", app.Clock, Cancel);

        var business = (await StoredAsync(id)).Review.BusinessReview;
        Assert.Equal(ReviewStatus.Pending, business.Status);
        Assert.Equal("Approved content changed after approval by priya on 2026-11-25.", business.Comments);
        var page = await HtmlPage.GetAsync(client, $"/milestones/{id}/review");
        Assert.NotNull(page.Find("[data-kind='Business'] [data-stale]"));
        var deleted = page.FindAll("[data-kind='Business'] tr[data-change='deleted']").Select(r => r.TextContent).ToList();
        var inserted = page.FindAll("[data-kind='Business'] tr[data-change='inserted']").Select(r => r.TextContent).ToList();
        Assert.Contains(deleted, t => t.Contains("after two failed rebuilds", StringComparison.Ordinal));
        Assert.Contains(inserted, t => t.Contains("after three failed rebuilds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reviews_in_an_imported_file_are_kept_and_marked_as_recorded_outside_the_app()
    {
        await using (var db = app.CreateDbContext())
            await MilestoneFiles.ImportAsync(db, [new MilestoneFile("M-105.md", Encoding.UTF8.GetBytes(Fixture.Example.Replace("M-007", "M-105", StringComparison.Ordinal)))], "dana", app.Clock, Cancel);
        var client = await app.SignedInClientAsync("priya");

        var page = await HtmlPage.GetAsync(client, "/milestones/M-105/review");

        Assert.Equal("APPROVED", page.Find("[data-kind='Technical'] [data-review-status]")!.TextContent);
        Assert.Contains(page.FindAll("table tbody tr"), r => r.TextContent.Contains("Priya Natarajan", StringComparison.Ordinal)
            && r.TextContent.Contains("recorded outside the app", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_queue_shows_a_reviewer_what_waits_for_them_and_an_author_where_theirs_stand()
    {
        var id = await ImportAsync("M-106");

        var reviewer = await HtmlPage.GetAsync(await app.SignedInClientAsync("priya"), "/reviews");
        var author = await HtmlPage.GetAsync(await app.SignedInClientAsync("dana"), "/reviews");

        Assert.Contains(reviewer.FindAll("#waiting tbody tr"), r => r.TextContent.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(author.FindAll("#waiting tbody tr"), r => r.TextContent.Contains(id, StringComparison.Ordinal));
        Assert.Contains(author.FindAll("#mine tbody tr"), r => r.TextContent.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_author_who_is_not_a_reviewer_may_not_open_the_review_page()
    {
        var id = await ImportAsync("M-107");
        await app.EnsureUserAsync("sam", Roles.Author);
        var client = await app.SignedInClientAsync("sam");

        var response = await client.GetAsync(new Uri($"/milestones/{id}/review", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
