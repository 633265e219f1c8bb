using System.Net;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.Milestones;

/// <summary>The new and edit pages, through their real forms, as a browser without JavaScript posts them.</summary>
public sealed class MilestoneEditorPageTests(MilestonesAppFactory factory) : IClassFixture<MilestonesAppFactory>, IAsyncLifetime
{
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync() =>
        _client = await factory.SignedInClientAsync("ada", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }, Roles.Author);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Stores the example milestone under <paramref name="id"/>.</summary>
    private async Task<Milestone> SeedAsync(string id, Action<Milestone>? change = null)
    {
        var milestone = MarkdownImporter.Import(Fixture.Example).Milestone!;
        milestone.Id = id;
        change?.Invoke(milestone);
        await using var db = factory.CreateDbContext();
        db.Milestones.Add(milestone);
        await db.SaveChangesAsync(Cancel);
        return milestone;
    }

    private async Task<Milestone?> StoredAsync(string id)
    {
        await using var db = factory.CreateDbContext();
        return await db.Milestones.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, Cancel);
    }

    private Task<HtmlPage> EditPageAsync(string id) => HtmlPage.GetAsync(_client, $"/milestones/{id}/edit");

    private static Dictionary<string, string> Change(params (string Name, string Value)[] changes) => changes.ToDictionary(c => c.Name, c => c.Value);

    private static string ValueOf(HtmlPage page, string name) =>
        page.Find($"[name=\"{name}\"]")?.GetAttribute("value") ?? page.Find($"textarea[name=\"{name}\"]")?.TextContent ?? throw new InvalidOperationException($"no field {name}");

    private static List<string> Values(HtmlPage page, string listName, string field) =>
        [.. page.FindAll($"input[name^=\"{listName}[\"][name$=\"].{field}\"]").Select(i => i.GetAttribute("value") ?? "")];

    private static string MessageBeside(HtmlPage page, string name) =>
        page.Find($"[data-valmsg-for=\"{name}\"]")?.TextContent.Trim() ?? "";

    [Fact]
    public async Task Creating_a_milestone_stores_it_and_goes_to_its_page()
    {
        var page = await HtmlPage.GetAsync(_client, "/milestones/new");

        var saved = await page.SubmitAsync(_client, changes: Change(("Milestone.Id", "M-100"), ("Milestone.Title", "Compact blocks")));

        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        Assert.Equal("/milestones/M-100", saved.Response.Headers.Location?.OriginalString);
        Assert.Equal("Compact blocks", (await StoredAsync("M-100"))?.Title);
    }

    [Fact]
    public async Task Creating_a_milestone_with_a_taken_id_is_refused_beside_the_id()
    {
        await SeedAsync("M-200");
        var page = await HtmlPage.GetAsync(_client, "/milestones/new");

        var refused = await page.SubmitAsync(_client, changes: Change(("Milestone.Id", "m-200"), ("Milestone.Title", "Another")));

        Assert.Equal(HttpStatusCode.OK, refused.Response.StatusCode);
        Assert.Contains("taken", MessageBeside(refused, "Milestone.Id"), StringComparison.Ordinal);
        Assert.Equal("Another", ValueOf(refused, "Milestone.Title"));
    }

    [Fact]
    public async Task A_blank_new_milestone_saved_unchanged_exports_as_the_template_but_for_its_id()
    {
        var page = await HtmlPage.GetAsync(_client, "/milestones/new");

        var saved = await page.SubmitAsync(_client, changes: Change(("Milestone.Id", "M-300")));

        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        var exported = MarkdownExporter.Export((await StoredAsync("M-300"))!);
        // Saving in the app sets Last Updated to today (the test clock's).
        Assert.Equal(
            Fixture.Template.Replace("- **Last Updated**: [DATE]", "- **Last Updated**: 2026-11-25", StringComparison.Ordinal),
            exported.Replace("- **ID**: M-300\n", $"- **ID**: {Template.IdPlaceholder}\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_dependency_on_an_id_no_milestone_has_is_a_warning_in_the_editor_and_the_save_is_kept()
    {
        await SeedAsync("M-441", m => m.Dependencies = []);
        await SeedAsync("M-442", m => m.Dependencies = ["M-441", "M-440"]);

        var page = await EditPageAsync("M-442");
        var warning = page.Find("#unknown-dependencies")!.TextContent;
        Assert.Contains("M-440", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("M-441", warning, StringComparison.Ordinal);
        Assert.Null((await EditPageAsync("M-441")).Find("#unknown-dependencies"));

        var saved = await page.SubmitAsync(_client, changes: Change(("Milestone.AssignedTo", "Ana Lima")));

        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        Assert.Equal(["M-441", "M-440"], (await StoredAsync("M-442"))!.Dependencies);
    }

    [Fact]
    public async Task Editing_a_field_stores_it_and_keeps_the_rest()
    {
        var before = await SeedAsync("M-400");
        var page = await EditPageAsync("M-400");

        var saved = await page.SubmitAsync(_client, changes: Change(("Milestone.AssignedTo", "Ana Lima")));

        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        var after = (await StoredAsync("M-400"))!;
        Assert.Equal("Ana Lima", after.AssignedTo);
        // Saving in the app sets the progress from the ticked tasks (3 of 7) and Last Updated to today.
        Assert.Equal(
            MarkdownExporter.Export(before).Replace("Dana Whitfield", "Ana Lima", StringComparison.Ordinal)
                .Replace("- **Progress**: 45% complete", "- **Progress**: 42% complete", StringComparison.Ordinal)
                .Replace("- **Last Updated**: 2026-11-20", "- **Last Updated**: 2026-11-25", StringComparison.Ordinal),
            MarkdownExporter.Export(after));
    }

    [Fact]
    public async Task A_milestone_with_full_lists_can_be_saved()
    {
        await SeedAsync("M-420", m =>
        {
            m.Testing.UnitTests = [.. Enumerable.Range(1, MilestoneLimits.ListItems).Select(n => ChecklistItem.Of($"unit test {n}"))];
            m.AcceptanceCriteria.MustHave = [.. Enumerable.Range(1, MilestoneLimits.ListItems).Select(n => ChecklistItem.Of($"criterion {n}", n % 2 == 0))];
            m.Risks.BusinessRisks = [.. Enumerable.Range(1, MilestoneLimits.ListItems).Select(n => new Risk { Description = $"risk {n}", Mitigation = "watch" })];
        });
        var page = await EditPageAsync("M-420");

        var saved = await page.SubmitAsync(_client, changes: Change(("Milestone.Testing.UnitTests[199].Text", "the last one, edited")));

        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        Assert.Equal("the last one, edited", (await StoredAsync("M-420"))!.Testing.UnitTests[^1].Text);
    }

    [Fact]
    public async Task Risk_levels_show_the_same_labels_as_the_priority_and_post_the_same_values()
    {
        await SeedAsync("M-421", m => m.Risks.TechnicalRisks = [new Risk { Description = "slow relay", Mitigation = "watch" }]);
        var page = await EditPageAsync("M-421");

        var options = page.FindAll("select[name='Milestone.Risks.TechnicalRisks[0].Impact'] option").Select(o => (o.TextContent, o.GetAttribute("value")));

        Assert.Equal([("High", "High"), ("Medium", "Medium"), ("Low", "Low")], options);
    }

    [Fact]
    public async Task Saving_sets_a_new_version()
    {
        var before = await SeedAsync("M-410");
        var page = await EditPageAsync("M-410");

        await page.SubmitAsync(_client);

        Assert.NotEqual(before.Version, (await StoredAsync("M-410"))!.Version);
    }

    [Fact]
    public async Task Adding_an_item_without_javascript_shows_a_blank_row_and_saves_nothing()
    {
        var before = await SeedAsync("M-500");
        var page = await EditPageAsync("M-500");
        var count = Values(page, "Milestone.Testing.UnitTests", "Text").Count;

        var added = await page.SubmitAsync(_client, submitterSelector: "button[value=\"add|Testing.UnitTests\"]");

        Assert.Equal(HttpStatusCode.OK, added.Response.StatusCode);
        Assert.Equal([.. Values(page, "Milestone.Testing.UnitTests", "Text"), ""], Values(added, "Milestone.Testing.UnitTests", "Text"));
        Assert.Equal(count + 1, Values(added, "Milestone.Testing.UnitTests", "Text").Count);
        Assert.Equal(before.Version, (await StoredAsync("M-500"))!.Version);
    }

    [Fact]
    public async Task Removing_an_item_without_javascript_keeps_everything_else_typed()
    {
        await SeedAsync("M-510");
        var page = await EditPageAsync("M-510");
        var requirements = Values(page, "Milestone.Requirements.Functional", "Text");

        var removed = await page.SubmitAsync(_client, changes: Change(("Milestone.Title", "Typed before removing")),
            submitterSelector: "button[value=\"remove|Requirements.Functional|0\"]");

        Assert.Equal(requirements[1..], Values(removed, "Milestone.Requirements.Functional", "Text"));
        Assert.Equal("Typed before removing", ValueOf(removed, "Milestone.Title"));
    }

    [Fact]
    public async Task A_list_edited_without_javascript_is_stored_by_the_next_save()
    {
        await SeedAsync("M-520");
        var page = await EditPageAsync("M-520");
        var removed = await page.SubmitAsync(_client, submitterSelector: "button[value=\"remove|Requirements.Functional|0\"]");

        var saved = await removed.SubmitAsync(_client);

        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        Assert.Equal(Values(removed, "Milestone.Requirements.Functional", "Text"),
            (await StoredAsync("M-520"))!.Requirements.Functional.Select(r => r.Text));
    }

    [Fact]
    public async Task Moving_an_item_down_without_javascript_swaps_it_with_the_next()
    {
        await SeedAsync("M-530");
        var page = await EditPageAsync("M-530");
        var components = Values(page, "Milestone.Design.Components", "Name");

        var moved = await page.SubmitAsync(_client, submitterSelector: "button[value=\"down|Design.Components|0\"]");

        Assert.Equal([components[1], components[0], .. components[2..]], Values(moved, "Milestone.Design.Components", "Name"));
    }

    [Fact]
    public async Task Moving_a_phase_up_without_javascript_takes_its_tasks_along()
    {
        await SeedAsync("M-540");
        var page = await EditPageAsync("M-540");
        var secondTasks = Values(page, "Milestone.ImplementationPlan.Phases[1].Tasks", "Text");

        var moved = await page.SubmitAsync(_client, submitterSelector: "button[value=\"up|ImplementationPlan.Phases|1\"]");

        Assert.Equal(secondTasks, Values(moved, "Milestone.ImplementationPlan.Phases[0].Tasks", "Text"));
    }

    [Fact]
    public async Task Adding_a_task_to_a_phase_without_javascript_adds_it_to_that_phase_only()
    {
        await SeedAsync("M-550");
        var page = await EditPageAsync("M-550");
        var first = Values(page, "Milestone.ImplementationPlan.Phases[0].Tasks", "Text");
        var third = Values(page, "Milestone.ImplementationPlan.Phases[2].Tasks", "Text");

        var added = await page.SubmitAsync(_client, submitterSelector: "button[value=\"add|ImplementationPlan.Phases[2].Tasks\"]");

        Assert.Equal(first, Values(added, "Milestone.ImplementationPlan.Phases[0].Tasks", "Text"));
        Assert.Equal([.. third, ""], Values(added, "Milestone.ImplementationPlan.Phases[2].Tasks", "Text"));
    }

    [Fact]
    public async Task The_last_phase_cannot_be_removed()
    {
        await SeedAsync("M-560", m => m.ImplementationPlan.Phases = [new ImplementationPhase { Name = "Only" }]);
        var page = await EditPageAsync("M-560");

        var after = await page.SubmitAsync(_client, submitterSelector: "button[value=\"remove|ImplementationPlan.Phases|0\"]");

        Assert.True(page.Find("button[value=\"remove|ImplementationPlan.Phases|0\"]")!.HasAttribute("disabled"));
        Assert.Equal(["Only"], Values(after, "Milestone.ImplementationPlan.Phases", "Name"));
    }

    [Fact]
    public async Task The_fixed_metrics_cannot_be_removed_but_an_extra_one_can()
    {
        await SeedAsync("M-570", m => m.Metrics.BusinessMetrics.Add(new SuccessMetric { Key = "Retention", Metric = "returning users" }));
        var page = await EditPageAsync("M-570");

        Assert.Null(page.Find("button[value=\"remove|Metrics.BusinessMetrics|0\"]"));
        Assert.Equal("hidden", page.Find("input[name=\"Milestone.Metrics.BusinessMetrics[0].Key\"]")?.GetAttribute("type"));
        var removed = await page.SubmitAsync(_client, submitterSelector: "button[value=\"remove|Metrics.BusinessMetrics|2\"]");
        Assert.Equal([.. SuccessMetrics.BusinessKeys], Values(removed, "Milestone.Metrics.BusinessMetrics", "Key"));
    }

    [Fact]
    public async Task A_validation_error_shows_beside_the_field_and_in_the_summary_and_keeps_what_was_typed()
    {
        var before = await SeedAsync("M-600");
        var page = await EditPageAsync("M-600");

        var refused = await page.SubmitAsync(_client, changes: Change(
            ("Milestone.Requirements.Functional[1].Text", "[REQUIREMENT_2]"),
            ("Milestone.AssignedTo", "Typed and kept")));

        Assert.Equal(HttpStatusCode.OK, refused.Response.StatusCode);
        Assert.Contains("placeholder", MessageBeside(refused, "Milestone.Requirements.Functional[1].Text"), StringComparison.Ordinal);
        var link = refused.Find("#errors a[href=\"#Milestone_Requirements_Functional_1__Text\"]");
        Assert.NotNull(link);
        Assert.NotNull(refused.Find("#Milestone_Requirements_Functional_1__Text"));
        Assert.Equal("Typed and kept", ValueOf(refused, "Milestone.AssignedTo"));
        Assert.Equal(before.Version, (await StoredAsync("M-600"))!.Version);
    }

    [Fact]
    public async Task A_message_that_names_its_field_is_not_prefixed_with_the_name_again_in_the_summary()
    {
        await SeedAsync("M-607");
        var page = await EditPageAsync("M-607");

        var refused = await page.SubmitAsync(_client, changes: Change(("Milestone.Progress", "250")));

        var item = refused.Find("#errors li:has(a[href=\"#Milestone_Progress\"])")!;
        Assert.Equal("Progress is a whole number from 0 to 100.", item.TextContent.Trim());
    }

    [Fact]
    public async Task A_heading_in_a_body_is_refused_beside_the_body()
    {
        await SeedAsync("M-610");
        var page = await EditPageAsync("M-610");

        var refused = await page.SubmitAsync(_client, changes: Change(("Milestone.Notes", "Fine\r\n\r\n## Sneaky section")));

        Assert.Contains("Headings", MessageBeside(refused, "Milestone.Notes"), StringComparison.Ordinal);
        Assert.Equal("Fine\n\n## Sneaky section", ValueOf(refused, "Milestone.Notes").Trim('\n').Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_date_that_does_not_exist_is_refused_beside_its_field()
    {
        var before = await SeedAsync("M-620");
        var page = await EditPageAsync("M-620");

        var refused = await page.SubmitAsync(_client, changes: Change(("Milestone.Checkpoints.Deployment.Date", "2026-02-30"), ("Milestone.AssignedTo", "Kept")));

        Assert.Equal(HttpStatusCode.OK, refused.Response.StatusCode);
        Assert.NotEqual("", MessageBeside(refused, "Milestone.Checkpoints.Deployment.Date"));
        Assert.Equal("Kept", ValueOf(refused, "Milestone.AssignedTo"));
        Assert.Equal(before.Version, (await StoredAsync("M-620"))!.Version);
    }

    [Fact]
    public async Task A_stale_save_of_other_fields_is_merged_with_the_other_persons_save_and_both_are_kept()
    {
        await SeedAsync("M-700");
        var first = await EditPageAsync("M-700");
        var second = await EditPageAsync("M-700");
        await first.SubmitAsync(_client, changes: Change(("Milestone.Title", "Title from the first person")));

        var merged = await second.SubmitAsync(_client, changes: Change(("Milestone.AssignedTo", "Second person")));

        Assert.Equal(HttpStatusCode.Redirect, merged.Response.StatusCode);
        var stored = (await StoredAsync("M-700"))!;
        Assert.Equal(("Title from the first person", "Second person"), (stored.Title, stored.AssignedTo));
        var page = await HtmlPage.GetAsync(_client, "/milestones/M-700");
        Assert.Contains("merged with what you (in another window) saved meanwhile (Milestone Information)", page.Find("#message")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_changing_the_same_field_is_a_collision_shown_side_by_side_with_the_rest_merged_and_the_choice_saved()
    {
        await SeedAsync("M-710");
        var first = await EditPageAsync("M-710");
        var second = await EditPageAsync("M-710");
        await first.SubmitAsync(_client, changes: Change(("Milestone.Title", "The first person's title"), ("Milestone.Notes", "A note from the first person")));

        var collided = await second.SubmitAsync(_client, changes: Change(("Milestone.Title", "The second person's title")));

        Assert.Equal(HttpStatusCode.OK, collided.Response.StatusCode);
        Assert.Contains("the form keeps yours", collided.Find("#errors")!.TextContent, StringComparison.Ordinal);
        var collision = collided.Find("#collisions .collision")!;
        Assert.Equal("Milestone Information", collision.GetAttribute("data-section"));
        Assert.Contains("The second person's title", collision.QuerySelector("[data-side='yours']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("The first person's title", collision.QuerySelector("[data-side='theirs']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The second person's title", ValueOf(collided, "Milestone.Title"));
        Assert.Equal("A note from the first person", ValueOf(collided, "Milestone.Notes"));

        var saved = await collided.SubmitAsync(_client, changes: Change(("Milestone.Title", "The first person's title")));

        Assert.Equal(HttpStatusCode.Redirect, saved.Response.StatusCode);
        var stored = (await StoredAsync("M-710"))!;
        Assert.Equal(("The first person's title", "A note from the first person"), (stored.Title, stored.Notes));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_gets_400()
    {
        await SeedAsync("M-800");
        var page = await EditPageAsync("M-800");
        var fields = HtmlPage.Fields(page.Form(), Change(("Milestone.Title", "Forged")))
            .Where(f => f.Key != "__RequestVerificationToken");

        using var content = new FormUrlEncodedContent(fields);
        var response = await _client.PostAsync(new Uri("/milestones/M-800/edit", UriKind.Relative), content, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Block Propagation Protocol", (await StoredAsync("M-800"))!.Title);
    }

    [Fact]
    public async Task The_preview_renders_markdown_without_raw_html_or_script_links()
    {
        var page = await HtmlPage.GetAsync(_client, "/milestones/new");
        var token = HtmlPage.Fields(page.Form()).First(f => f.Key == "__RequestVerificationToken");

        using var content = new FormUrlEncodedContent([token, new("markdown", "**bold** <script>alert(1)</script> [link](javascript:alert(1))")]);
        var response = await _client.PostAsync(new Uri("/milestones/new?handler=Preview", UriKind.Relative), content, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_milestone_that_does_not_exist_is_not_found()
    {
        var response = await _client.GetAsync(new Uri("/milestones/M-999/edit", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
