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
        var plan = await Actors.AcceptingImportAsync(db, [new MilestoneFile($"{id}.md", Encoding.UTF8.GetBytes(text))], "dana", app.Clock, Cancel);
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
        var id = await ImportAsync("M-108");
        var client = await app.SignedInClientAsync("priya");
        var page = await HtmlPage.GetAsync(client, $"/milestones/{id}/review");

        var refused = await Decide(client, page, "Business", "Rejected");

        Assert.Contains("A rejection needs comments", refused.Find("[data-kind='Business'] form")!.TextContent, StringComparison.Ordinal);
        // The field takes the focus, so the refusal comes into view below the first card.
        var field = Assert.Single(refused.FindAll("[autofocus]"));
        Assert.Equal("comments-Business", field.Id);
        Assert.Equal("comments-Business-error", field.GetAttribute("aria-describedby"));
        var business = (await StoredAsync(id)).Review.BusinessReview;
        Assert.Equal((ReviewStatus.Pending, ""), (business.Status, business.Reviewer));
    }

    [Fact]
    public async Task Someone_who_wrote_what_a_review_covers_may_not_approve_it()
    {
        var id = await ImportAsync("M-103");
        var client = await app.SignedInClientAsync("dana");
        var page = await HtmlPage.GetAsync(client, $"/milestones/{id}/review");
        Assert.Contains("another reviewer must approve it", page.Find("[data-kind='Technical'] [data-own-work]")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.Find("#technical-approved")!.HasAttribute("disabled"));

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
        Assert.Contains("another reviewer must approve it", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Null((await StoredAsync(id)).Review.TechnicalReview.Status);
    }

    [Fact]
    public async Task The_review_page_shows_the_milestone_with_the_parts_each_review_covers_marked()
    {
        var id = await ImportAsync("M-109");
        var page = await HtmlPage.GetAsync(await app.SignedInClientAsync("priya"), $"/milestones/{id}/review");

        Assert.Contains("Block Propagation", page.Find("#milestone")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Business", page.Find("#milestone h2:has([data-covered-by]) [data-covered-by='Business']")?.GetAttribute("data-covered-by"));
        Assert.Contains(page.FindAll("#milestone h2"), h => h.TextContent.StartsWith("Technical Design", StringComparison.Ordinal) && h.TextContent.Contains("technical", StringComparison.Ordinal));
        Assert.Contains("Technical Design", page.Find("[data-kind='Technical'] [data-covers]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Problem Statement", page.Find("[data-kind='Technical'] [data-covers]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_that_changes_what_an_approval_covers_makes_it_stale_and_shows_what_changed()
    {
        var id = await ImportAsync("M-104");
        var client = await app.SignedInClientAsync("priya");
        await Decide(client, await HtmlPage.GetAsync(client, $"/milestones/{id}/review"), "Technical", "Approved");
        var approvedMarkdown = MarkdownExporter.Export(await StoredAsync(id));

        var changed = approvedMarkdown.Replace("- [ ] Fall back to full block relay after two failed rebuilds", "- [ ] Fall back to full block relay after three failed rebuilds", StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
            Assert.True((await Actors.Changes(db, app.Clock).ImportAsync(Actors.Author("dana"), [new MilestoneFile("edited.md", Encoding.UTF8.GetBytes(changed))], false, Cancel)).Succeeded);

        var technical = (await StoredAsync(id)).Review.TechnicalReview;
        Assert.Equal(ReviewStatus.Pending, technical.Status);
        Assert.Equal("Became PENDING because dana changed Detailed Requirements on 2026-11-25.", technical.Comments);
        var page = await HtmlPage.GetAsync(client, $"/milestones/{id}/review");
        Assert.NotNull(page.Find("[data-kind='Technical'] [data-stale]"));
        var deleted = page.FindAll("[data-kind='Technical'] tr[data-change='deleted']").Select(r => r.TextContent).ToList();
        var inserted = page.FindAll("[data-kind='Technical'] tr[data-change='inserted']").Select(r => r.TextContent).ToList();
        Assert.Contains(deleted, t => t.Contains("after two failed rebuilds", StringComparison.Ordinal));
        Assert.Contains(inserted, t => t.Contains("after three failed rebuilds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reviews_an_administrator_accepted_from_a_file_are_marked_as_such()
    {
        await using (var db = app.CreateDbContext())
            await Actors.AcceptingImportAsync(db, [new MilestoneFile("M-105.md", Encoding.UTF8.GetBytes(Fixture.Example.Replace("M-007", "M-105", StringComparison.Ordinal)))], "dana", app.Clock, Cancel);
        var client = await app.SignedInClientAsync("priya");

        var page = await HtmlPage.GetAsync(client, "/milestones/M-105/review");

        Assert.Equal("APPROVED", page.Find("[data-kind='Technical'] [data-review-status]")!.TextContent);
        Assert.Contains(page.FindAll("table tbody tr"), r => r.TextContent.Contains("Priya Natarajan", StringComparison.Ordinal)
            && r.TextContent.Contains("accepted from a file by dana", StringComparison.Ordinal));
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
