using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Pages;
using Microsoft.AspNetCore.Hosting;

namespace ChainForge.Milestones.Tests.Pages;

/// <summary>
/// The list, milestone, portfolio and dependency pages are kept rendered; what a person sees
/// from the cache must be what the page would show now. A kept response carries an Age header.
/// </summary>
public sealed class SignedInPageCacheTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static bool FromCache(HtmlPage page) => page.Response.Headers.Age is not null;

    [Theory]
    [InlineData("/milestones/M-500")]
    [InlineData("/?q=M-500")]
    [InlineData("/portfolio")]
    [InlineData("/dependencies")]
    public async Task A_page_seen_again_with_nothing_changed_is_served_from_the_cache(string url)
    {
        using (var db = app.CreateDbContext())
        {
            if (await db.Milestones.FindAsync(["M-500"], Cancellation) is null)
                await app.StoreAsync(Arrange.Named("M-500"));
        }
        var client = await app.AuthorClientAsync();

        var first = await HtmlPage.GetAsync(client, url);
        var second = await HtmlPage.GetAsync(client, url);

        Assert.False(FromCache(first));
        Assert.True(FromCache(second));
        Assert.Equal(first.Document.Body!.OuterHtml, second.Document.Body!.OuterHtml);
    }

    [Fact]
    public async Task A_milestone_saved_in_the_app_is_shown_as_saved()
    {
        await app.StoreAsync(Arrange.Named("M-501", "Before"));
        var client = await app.AuthorClientAsync();
        await HtmlPage.GetAsync(client, "/milestones/M-501");
        await HtmlPage.GetAsync(client, "/");

        var edit = await HtmlPage.GetAsync(client, "/milestones/M-501/edit");
        await edit.SubmitAsync(client, changes: new Dictionary<string, string> { ["Milestone.Title"] = "After" });

        var page = await HtmlPage.GetAsync(client, "/milestones/M-501");
        Assert.Equal("M-501: After", page.Find("#milestone h1")!.TextContent);
        var list = await HtmlPage.GetAsync(client, "/?q=M-501");
        Assert.Equal("After", list.Find("table.milestones tr[data-id='M-501'] td:nth-child(2) a")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_save_is_confirmed_on_the_milestone_page_once()
    {
        await app.StoreAsync(Arrange.Named("M-510"));
        var client = await app.AuthorClientAsync();
        await HtmlPage.GetAsync(client, "/milestones/M-510");
        await HtmlPage.GetAsync(client, "/milestones/M-510");

        var edit = await HtmlPage.GetAsync(client, "/milestones/M-510/edit");
        var saved = await edit.SubmitAsync(client, changes: new Dictionary<string, string> { ["Milestone.Title"] = "Saved once" });
        var again = await HtmlPage.GetAsync(client, "/milestones/M-510");

        Assert.Equal("Saved M-510.", saved.Find("#message")!.TextContent.Trim());
        Assert.Null(again.Find("#message"));
        Assert.Equal("M-510: Saved once", again.Find("#milestone h1")!.TextContent);
    }

    [Fact]
    public async Task A_milestone_imported_from_the_command_line_while_the_app_runs_is_shown_as_imported()
    {
        await app.StoreAsync(Arrange.Named("M-502", "Before"));
        var client = await app.AuthorClientAsync();
        await HtmlPage.GetAsync(client, "/milestones/M-502");
        await HtmlPage.GetAsync(client, "/milestones/M-502");
        var folder = Directory.CreateTempSubdirectory("milestones-cache-").FullName;
        var file = Path.Combine(folder, "M-502.md");
        await File.WriteAllTextAsync(file, MarkdownExporter.Export(Arrange.Named("M-502", "Imported")), Cancellation);

        app.Store.WriteAppSettings(folder);
        var exit = await CommandLine.RunAsync(["import", file], TextReader.Null, TextWriter.Null, TextWriter.Null, folder, folder);

        Assert.Equal(0, exit);
        var page = await HtmlPage.GetAsync(client, "/milestones/M-502");
        Assert.False(FromCache(page));
        Assert.Equal("M-502: Imported", page.Find("#milestone h1")!.TextContent);
    }

    [Fact]
    public async Task A_review_decision_recorded_meanwhile_is_shown_on_the_milestone_page_at_once()
    {
        var milestone = Arrange.Named("M-503");
        await app.StoreAsync(milestone);
        var client = await app.AuthorClientAsync();
        await HtmlPage.GetAsync(client, "/milestones/M-503");
        await HtmlPage.GetAsync(client, "/milestones/M-503");

        using (var db = app.CreateDbContext())
        {
            db.ReviewDecisions.Add(new ReviewDecision
            {
                MilestoneId = "M-503",
                Kind = ReviewKind.Technical,
                Status = ReviewStatus.Pending,
                Source = ReviewSource.Stale,
                RecordedBy = "ana",
            });
            await db.SaveChangesAsync(Cancellation);
        }

        var page = await HtmlPage.GetAsync(client, "/milestones/M-503");
        Assert.False(FromCache(page));
        Assert.NotNull(page.Find("#changed-after-approval"));
    }

    [Fact]
    public async Task Two_people_are_never_shown_each_other_s_page()
    {
        await app.StoreAsync(Arrange.Named("M-504"));
        var author = await app.SignedInClientAsync("olga", Roles.Author);
        var reviewer = await app.SignedInClientAsync("rui", Roles.Reviewer);
        await HtmlPage.GetAsync(author, "/milestones/M-504");
        await HtmlPage.GetAsync(author, "/milestones/M-504");

        var page = await HtmlPage.GetAsync(reviewer, "/milestones/M-504");

        Assert.False(FromCache(page));
        Assert.Equal("rui", page.Find("[data-signed-in-as]")!.TextContent);
        Assert.Equal(["history", "review"], page.FindAll("#actions a").Select(a => a.GetAttribute("data-action")));
    }

    [Fact]
    public async Task The_message_after_an_action_is_shown_once_and_never_kept()
    {
        await app.StoreAsync(Arrange.Named("M-505"), Arrange.Named("M-506"));
        var client = await app.AuthorClientAsync();
        await HtmlPage.GetAsync(client, "/");
        await HtmlPage.GetAsync(client, "/");

        var confirm = await HtmlPage.GetAsync(client, "/milestones/M-505/archive");
        var afterArchive = await confirm.SubmitAsync(client);
        var again = await HtmlPage.GetAsync(client, "/");

        Assert.Contains("Archived M-505", afterArchive.Find("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Null(again.Find("#message"));
        Assert.Null(again.Find("table.milestones tr[data-id='M-505']"));
    }

    [Fact]
    public async Task A_checkpoint_becomes_overdue_on_the_page_when_the_day_passes()
    {
        var start = app.Clock.Now;
        // Late in the day, so that the next day comes well within a session's lifetime.
        app.Clock.Now = new DateTimeOffset(start.Date.AddHours(23), TimeSpan.Zero);
        try
        {
            var milestone = Arrange.Named("M-507");
            var today = DateOnly.FromDateTime(app.Clock.Now.Date);
            milestone.Checkpoints.Deployment = new Checkpoint { Date = today };
            await app.StoreAsync(milestone);
            var client = await app.SignedInClientAsync("late", Roles.Author);
            var before = await HtmlPage.GetAsync(client, "/milestones/M-507");
            await HtmlPage.GetAsync(client, "/milestones/M-507");

            app.Clock.Now = app.Clock.Now.AddHours(2);
            var after = await HtmlPage.GetAsync(client, "/milestones/M-507");

            Assert.Empty(before.FindAll("#checkpoints li.text-danger"));
            Assert.Equal(["Deployment"], after.FindAll("#checkpoints li.text-danger").Select(li => li.GetAttribute("data-checkpoint")));
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    [Fact]
    public async Task The_sign_out_form_of_a_page_served_from_the_cache_signs_out()
    {
        await app.StoreAsync(Arrange.Named("M-508"));
        var client = await app.SignedInClientAsync("sigrid", Roles.Author);
        await HtmlPage.GetAsync(client, "/milestones/M-508");
        var cached = await HtmlPage.GetAsync(client, "/milestones/M-508");

        var signedOut = await cached.SubmitAsync(client, "nav form");

        Assert.True(FromCache(cached));
        Assert.Equal(System.Net.HttpStatusCode.OK, signedOut.Response.StatusCode);
        Assert.Null(signedOut.Find("[data-signed-in-as]"));
    }

    [Fact]
    public async Task With_no_memory_for_the_cache_every_view_is_rendered_anew()
    {
        await app.StoreAsync(Arrange.Named("M-509"));
        await app.EnsureUserAsync("ulla", Roles.Author);
        await using var uncached = app.WithWebHostBuilder(host => host.UseSetting(SignedInPageCache.SizeLimitSetting, "0"));
        var client = uncached.CreateClient();
        var login = await HtmlPage.GetAsync(client, "/account/login");
        await login.SubmitAsync(client, changes: new Dictionary<string, string> { ["Input.UserName"] = "ulla", ["Input.Password"] = MilestonesAppFactory.Password });

        await HtmlPage.GetAsync(client, "/milestones/M-509");
        var again = await HtmlPage.GetAsync(client, "/milestones/M-509");

        Assert.Equal("ulla", again.Find("[data-signed-in-as]")!.TextContent);
        Assert.False(FromCache(again));
    }
}
