using System.Text;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class MilestonePageTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private const string Payload = "<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)> <javascript:alert(1)>";

    [Fact]
    public async Task The_milestone_page_shows_the_milestone_rendered_from_its_markdown()
    {
        await app.StoreAsync(Arrange.Example());

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-007");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Equal("M-007: Block Propagation Protocol", page.Find("#milestone h1")!.TextContent);
        Assert.Contains("Wire format is sound", page.Find("#milestone")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("#milestone table"));
    }

    [Fact]
    public async Task A_milestone_with_little_filled_in_shows_not_filled_in_instead_of_the_template_placeholders()
    {
        await app.StoreAsync(Arrange.Named("M-133", "Barely started"));

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-133");

        var text = page.Find("#milestone")!.TextContent;
        Assert.DoesNotContain(ChainForge.Milestones.Milestones.Markdown.Template.PhasePlaceholder, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ChainForge.Milestones.Milestones.Markdown.Template.ReviewerPlaceholder, text, StringComparison.Ordinal);
        Assert.NotEmpty(page.FindAll("#milestone em.not-filled"));
        Assert.Equal(0, page.FindAll("#milestone input[type=checkbox]:checked").Length);
    }

    [Fact]
    public async Task An_author_is_offered_to_add_what_is_not_filled_in_and_a_reviewer_is_not()
    {
        await app.StoreAsync(Arrange.Named("M-134", "Barely started"));

        var author = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-134");
        var reviewer = await HtmlPage.GetAsync(await app.SignedInClientAsync("rowan", Roles.Reviewer), "/milestones/M-134");

        var links = author.FindAll("#milestone a.add-link");
        Assert.Equal(author.FindAll("#milestone em.not-filled").Length, links.Length);
        Assert.Contains(links, a => a.GetAttribute("href") == "/milestones/M-134/edit#problem-statement" && a.TextContent == "Add to Problem Statement");
        Assert.Contains(links, a => a.GetAttribute("href") == "/milestones/M-134/edit#testing");
        Assert.NotEmpty(reviewer.FindAll("#milestone em.not-filled"));
        Assert.Empty(reviewer.FindAll("#milestone a.add-link"));
    }

    [Fact]
    public async Task A_dependency_on_an_id_no_milestone_has_is_flagged_and_one_that_exists_is_not()
    {
        await app.StoreAsync(Arrange.Named("M-171", "Exists"));
        var waiting = Arrange.Named("M-172", "Waits");
        waiting.Dependencies = ["M-171", "M-404"];
        await app.StoreAsync(waiting);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-172");

        var warning = page.Find("#unknown-dependencies")!.TextContent;
        Assert.Contains("M-404", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("M-171", warning, StringComparison.Ordinal);
        Assert.Null((await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-171")).Find("#unknown-dependencies"));
    }

    [Fact]
    public async Task A_milestone_stored_before_its_page_html_was_kept_is_rendered_from_the_milestone()
    {
        await app.StoreAsync(Arrange.Named("M-108", "Stored long ago"));
        using (var db = app.CreateDbContext())
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Milestones\" SET \"Html\" = NULL WHERE \"Id\" = 'M-108'", TestContext.Current.CancellationToken);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-108");

        Assert.Equal("M-108: Stored long ago", page.Find("#milestone h1")!.TextContent);
    }

    [Theory]
    [InlineData("M-109", null)]
    [InlineData("M-110", "{\"Format\":0}")]
    public async Task A_milestone_stored_before_its_page_facts_or_in_an_older_format_shows_the_same_page(string id, string? facts)
    {
        var milestone = Arrange.Example();
        milestone.Id = id;
        // Completed without its approvals: a broken gate, from the stored facts or made anew.
        milestone.Status = MilestoneStatus.Completed;
        milestone.Dependencies = ["M-404"];
        await app.StoreAsync(milestone);
        var client = await app.AuthorClientAsync();
        var before = await HtmlPage.GetAsync(client, $"/milestones/{id}");
        using (var db = app.CreateDbContext())
            await db.Database.ExecuteSqlAsync($"UPDATE \"Milestones\" SET \"PageFacts\" = {facts} WHERE \"Id\" = {id}", TestContext.Current.CancellationToken);

        var after = await HtmlPage.GetAsync(client, $"/milestones/{id}");

        Assert.NotNull(after.Find("[data-broken-gate]"));
        Assert.Equal(before.Find("main")!.TextContent, after.Find("main")!.TextContent);
        Assert.Contains("M-404", after.Find("#unknown-dependencies")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checklists_show_as_disabled_checkboxes_ticked_as_in_the_file()
    {
        await app.StoreAsync(Arrange.Named("M-100"));
        using (var db = app.CreateDbContext())
        {
            var milestone = await db.Milestones.FindAsync(["M-100"], TestContext.Current.CancellationToken);
            milestone!.Requirements.Functional = [ChecklistItem.Of("first", true), ChecklistItem.Of("second")];
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-100");

        var items = page.FindAll("#milestone li.task-list-item").Where(li => li.TextContent.Trim() is "first" or "second").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, li => Assert.True(li.QuerySelector("input[type=checkbox]")!.HasAttribute("disabled")));
        Assert.Equal([true, false], items.Select(li => li.QuerySelector("input")!.HasAttribute("checked")));
    }

    [Fact]
    public async Task Progress_per_section_is_shown()
    {
        var example = Arrange.Example();
        example.Id = "M-107";
        await app.StoreAsync(example);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-107");

        Assert.Equal("3 / 7", page.Find("[data-section='Tasks'] .tally")!.TextContent.Trim());
        Assert.Equal("1 / 3", page.Find("[data-section='Must have'] .tally")!.TextContent.Trim());
        Assert.Equal("2 / 3", page.Find("[data-section='Dependencies satisfied'] .tally")!.TextContent.Trim());
    }

    [Theory]
    [InlineData("olga", new[] { Roles.Author }, new[] { "edit", "history", "export", "archive" })]
    [InlineData("rui", new[] { Roles.Reviewer }, new[] { "history", "review" })]
    [InlineData("ines", new[] { Roles.Admin }, new[] { "history" })]
    [InlineData("tove", new[] { Roles.Author, Roles.Reviewer }, new[] { "edit", "history", "review", "export", "archive" })]
    public async Task The_page_offers_only_the_actions_the_person_s_roles_allow(string user, string[] roles, string[] actions)
    {
        await app.StoreAsync(Arrange.Named($"M-101-{user}"));

        var page = await HtmlPage.GetAsync(await app.SignedInClientAsync(user, roles), $"/milestones/M-101-{user}");

        Assert.Equal(actions, page.FindAll("#actions a").Select(a => a.GetAttribute("data-action")));
        Assert.All(page.FindAll("#actions a"), a => Assert.Equal($"/milestones/M-101-{user}/{a.GetAttribute("data-action")}", a.GetAttribute("href")));
    }

    [Fact]
    public async Task An_unknown_id_gets_a_not_found_page()
    {
        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-404");

        Assert.Equal(System.Net.HttpStatusCode.NotFound, page.Response.StatusCode);
        Assert.Contains("Not found", page.Find("#status-page")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_in_bodies_and_one_line_fields_renders_inert()
    {
        var milestone = Arrange.Named("M-666", Payload);
        milestone.AssignedTo = "<img src=x onerror=alert(2)>";
        milestone.ProblemStatement = Payload + "\n\n[y](javascript:alert(3)) ![z](javascript:alert(4))";
        milestone.Notes = "<script>alert(5)</script>";
        milestone.Requirements.Functional = [ChecklistItem.Of(Payload)];
        milestone.Design.Components = [new Component { Name = "<b onmouseover=alert(6)>x</b>", Description = "[d](JaVaScRiPt:alert(7))" }];
        await app.StoreAsync(milestone);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-666");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Response.StatusCode);
        Assert.All(page.FindAll("script"), s => Assert.StartsWith("/", s.GetAttribute("src"))); // the app's own files only
        Assert.Empty(page.FindAll("img"));
        Assert.Empty(page.FindAll("[onerror], [onmouseover]"));
        Assert.DoesNotContain(page.FindAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>alert(1)</script>", page.Find("#milestone")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_in_a_title_renders_inert_in_the_list()
    {
        await app.StoreAsync(Arrange.Named("M-667", Payload));

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/?q=M-667");

        Assert.All(page.FindAll("script"), s => Assert.StartsWith("/", s.GetAttribute("src")));
        Assert.Empty(page.FindAll("img"));
        Assert.Contains("<script>alert(1)</script>", page.Find("table.milestones")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_milestone_whose_status_breaks_its_gate_says_which_gate_and_why()
    {
        var milestone = Arrange.Named("M-120");
        milestone.Status = MilestoneStatus.Review;
        milestone.SolutionOverview = "Relay compact blocks.";
        await app.StoreAsync(milestone);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-120");

        var warning = Assert.Single(page.FindAll("[data-broken-gate]"));
        Assert.Contains("Status Review breaks its gate.", warning.TextContent, StringComparison.Ordinal);
        Assert.Contains("Review needs Problem Statement, Functional Requirements and Must Have criteria filled in", warning.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_milestone_in_progress_shows_no_gate_warning()
    {
        var milestone = Arrange.Named("M-121");
        milestone.Status = MilestoneStatus.InProgress;
        await app.StoreAsync(milestone);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-121");

        Assert.Empty(page.FindAll("[data-broken-gate]"));
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task An_approval_turned_stale_by_a_change_is_noticed_on_the_page()
    {
        var approved = Fixture.Example.Replace("M-007", "M-130", StringComparison.Ordinal);
        var changed = approved.Replace("It never\nvalidates blocks itself", "It never\nchecks blocks itself", StringComparison.Ordinal);
        foreach (var text in new[] { approved, changed })
        {
            await using var db = app.CreateDbContext();
            Assert.True((await Actors.AcceptingImportAsync(db, [new MilestoneFile("M-130.md", Encoding.UTF8.GetBytes(text))], "dana", app.Clock, TestContext.Current.CancellationToken)).Succeeded);
        }

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-130");

        var notice = page.Find("#changed-after-approval")!.TextContent;
        Assert.Contains("Changed after approval.", notice, StringComparison.Ordinal);
        Assert.Contains("The technical review became PENDING because dana changed Technical Design on 2026-11-25 (revision 2).", Words(notice), StringComparison.Ordinal);
        Assert.Equal("/milestones/M-130/history/diff?from=1&to=2", page.Find("#changed-after-approval [data-stale-revision]")!.GetAttribute("href"));
        Assert.Equal("/milestones/M-130/review", page.Find("#changed-after-approval [data-review-again]")!.GetAttribute("href"));
        Assert.Contains("PENDING · Priya Natarajan · 2026-11-18 Became PENDING because dana changed Technical Design on 2026-11-25.", Words(page.Find("#review-state")!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_that_still_holds_brings_no_notice()
    {
        await using (var db = app.CreateDbContext())
            await Actors.AcceptingImportAsync(db, [new MilestoneFile("M-131.md", Encoding.UTF8.GetBytes(Fixture.Example.Replace("M-007", "M-131", StringComparison.Ordinal)))], "dana", app.Clock, TestContext.Current.CancellationToken);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-131");

        Assert.Null(page.Find("#changed-after-approval"));
        Assert.Contains("APPROVED · Priya Natarajan · 2026-11-18", Words(page.Find("#review-state")!.TextContent), StringComparison.Ordinal);
    }

    private static Milestone WithCheckpoints(string id)
    {
        var milestone = Arrange.Named(id);
        // The app's clock says 2026-11-25.
        milestone.Checkpoints.StartDate = new Checkpoint { Date = new DateOnly(2026, 10, 1), Reached = true };
        milestone.Checkpoints.TestingComplete = new Checkpoint { Date = new DateOnly(2026, 11, 24) };
        milestone.Checkpoints.Deployment = new Checkpoint { Date = new DateOnly(2026, 11, 25) };
        return milestone;
    }

    [Fact]
    public async Task A_checkpoint_past_its_date_and_not_reached_is_highlighted_as_overdue_on_the_page()
    {
        await app.StoreAsync(WithCheckpoints("M-140"));

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-140");

        Assert.Equal(["Testing Complete"], page.FindAll("#checkpoints li.text-danger").Select(li => li.GetAttribute("data-checkpoint")));
        Assert.Contains("overdue", page.Find("#checkpoints li[data-checkpoint='Testing Complete']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_checkpoint_past_its_date_and_not_reached_is_highlighted_in_its_row_of_the_list()
    {
        await app.StoreAsync(WithCheckpoints("M-141"), Arrange.Named("M-142"));

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/?q=M-14");

        var row = page.Find("table.milestones tr[data-id='M-141']")!;
        Assert.Equal(["overdue: Testing Complete"], row.QuerySelectorAll(".overdue").Select(b => b.TextContent.Trim()));
        Assert.Contains("table-danger", row.ClassList);
        Assert.Empty(page.Find("table.milestones tr[data-id='M-142']")!.QuerySelectorAll(".overdue"));
    }

    [Fact]
    public async Task A_milestone_depending_on_one_not_completed_shows_what_blocks_it()
    {
        var blocked = Arrange.Named("M-150");
        blocked.Status = MilestoneStatus.InProgress;
        blocked.Dependencies = ["M-151", "M-152"];
        var open = Arrange.Named("M-151");
        open.Status = MilestoneStatus.InProgress;
        var done = Arrange.Named("M-152");
        done.Status = MilestoneStatus.Completed;
        await app.StoreAsync(blocked, open, done);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-150");

        Assert.Contains("Blocked by", page.Find("#blocked-by")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["/milestones/M-151"], page.FindAll("#blocked-by a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Progress_set_by_hand_is_shown_as_pinned()
    {
        var milestone = Arrange.Named("M-160");
        milestone.Progress = 40;
        milestone.ProgressPinned = true;
        await app.StoreAsync(milestone);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-160");

        Assert.Equal("40", page.Find("#progress")!.GetAttribute("data-progress"));
        Assert.NotNull(page.Find("#progress-pinned"));
    }

    [Fact]
    public async Task A_stored_figure_unlike_the_plan_s_is_labelled_recorded_with_the_plan_s_figure_beside_it()
    {
        var example = Arrange.Example();
        example.Id = "M-161";
        await app.StoreAsync(example);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-161");

        Assert.Equal("45", page.Find("#progress")!.GetAttribute("data-progress"));
        Assert.Equal("recorded", page.Find("#progress-source")!.GetAttribute("data-source"));
        Assert.Contains("The plan's tasks give 42%", page.Find("#plan-figure")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_figure_equal_to_the_plan_s_is_labelled_as_from_the_plan_s_tasks()
    {
        var example = Arrange.Example();
        example.Id = "M-162";
        example.Progress = 42;
        await app.StoreAsync(example);

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-162");

        Assert.Equal("plan", page.Find("#progress-source")!.GetAttribute("data-source"));
        Assert.Null(page.Find("#plan-figure"));
    }
}
