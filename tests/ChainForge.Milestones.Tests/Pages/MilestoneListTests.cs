using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Pages;

/// <summary>The home page's list over 60 stored milestones, three of them known by name.</summary>
public sealed class MilestoneListTests(MilestoneListTests.SixtyMilestones app) : IClassFixture<MilestoneListTests.SixtyMilestones>
{
    public sealed class SixtyMilestones : IAsyncLifetime
    {
        public MilestonesAppFactory App { get; } = new();
        public List<Milestone> Stored { get; } = [.. new SampleMilestones(11).Generate(60, 1)];

        public async ValueTask InitializeAsync()
        {
            Stored[0].Title = "Zebra Crossing Audit";
            Stored[1].AssignedTo = "Quentin Example";
            Stored[2].Status = MilestoneStatus.Completed;
            Stored[3].AssignedTo = "Zoë Durand";
            // Ranking: a word of the title weighs more than the same word in a section's text.
            Stored[4].ProblemStatement = "Peers wait for the kittiwake relay to drain the mempool before sending blocks.";
            Stored[5].Title = "Kittiwake Relay";
            Stored[6].Design.Architecture = "A café-style queue in front of the mempool.";
            await App.StoreAsync([.. Stored]);
        }

        public ValueTask DisposeAsync() => App.DisposeAsync();
    }

    private async Task<HtmlPage> Get(string url) => await HtmlPage.GetAsync(await app.App.AuthorClientAsync(), url);

    private static List<string> Ids(HtmlPage page) => [.. page.FindAll("table.milestones tbody tr td:first-child").Select(td => td.TextContent.Trim())];

    [Fact]
    public async Task The_list_shows_the_first_25_milestones_and_the_count()
    {
        var page = await Get("/");

        Assert.Equal([.. app.Stored.Select(m => m.Id).Order(StringComparer.OrdinalIgnoreCase).Take(25)], Ids(page));
        Assert.Contains("60 milestones", page.Find("#count")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_shows_title_status_priority_progress_and_assignee()
    {
        var page = await Get("/?q=M-002");
        var cells = page.FindAll("table.milestones tbody tr td").Select(td => td.TextContent.Trim()).ToList();
        var stored = app.Stored[1];

        // The title cell also holds any overdue checkpoints' badges.
        Assert.Equal(stored.Title, page.Find("table.milestones tbody tr td:nth-child(2) a")!.TextContent.Trim());
        Assert.Equal(stored.Priority.ToString(), cells[3]);
        Assert.Equal(ChainForge.Milestones.Pages.Display.Label(stored.Status), cells[4]);
        Assert.Contains($"{stored.Progress}%", cells[5], StringComparison.Ordinal);
        Assert.Equal("Quentin Example", cells[6]);
        Assert.NotNull(page.Find($".progress-bar.w-pct-{stored.Progress}"));
    }

    [Fact]
    public async Task The_third_page_shows_the_last_ten()
    {
        var page = await Get("/?p=3");

        Assert.Equal([.. app.Stored.Select(m => m.Id).Order(StringComparer.OrdinalIgnoreCase).Skip(50)], Ids(page));
        Assert.NotNull(page.Find("a.page-link[href='/?p=2']"));
    }

    [Fact]
    public async Task Search_finds_by_title_whatever_the_case()
    {
        var page = await Get("/?q=zebra");

        Assert.Equal(["M-001"], Ids(page));
    }

    [Fact]
    public async Task Search_finds_by_assignee()
    {
        var page = await Get("/?q=Quentin");

        Assert.Equal(["M-002"], Ids(page));
    }

    [Theory]
    [InlineData("zoe")]
    [InlineData("ZOË")]
    [InlineData("Zoe Dur")]
    public async Task Search_ignores_accents_and_case(string search)
    {
        var page = await Get($"/?q={Uri.EscapeDataString(search)}");

        Assert.Equal(["M-004"], Ids(page));
    }

    [Fact]
    public async Task Search_finds_the_text_of_every_section_by_the_start_of_a_word_and_ranks_the_title_first()
    {
        var ranked = await Get("/?q=kittiwake");
        Assert.Equal(["M-006", "M-005"], Ids(ranked));
        Assert.Contains("best matches first", ranked.Find("#count")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(ranked.FindAll("th[aria-sort]"));
        Assert.Equal(["M-006", "M-005"], Ids(await Get("/?q=kittiw")));
        Assert.Equal(["M-007"], Ids(await Get("/?q=cafe+mempool")));
    }

    [Theory]
    [InlineData("\"mempool")]
    [InlineData("mempool*) OR (x")]
    [InlineData("{SearchBody}: mempool")]
    [InlineData("' OR 1=1 --")]
    [InlineData("NEAR(mempool drain)")]
    public async Task A_search_with_the_engines_query_syntax_is_read_as_words(string search)
    {
        var page = await Get($"/?q={Uri.EscapeDataString(search)}");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.Response.StatusCode);
        Assert.DoesNotContain("M-001", Ids(page));
    }

    [Fact]
    public async Task Ids_and_titles_sort_in_natural_order()
    {
        await using var own = new MilestonesAppFactory();
        await own.StoreAsync(Arrange.Named("R-10", "Release 10"), Arrange.Named("R-2", "Release 2"), Arrange.Named("R-1", "release 1"), Arrange.Named("R-100", "Release 9"));
        var client = await own.AuthorClientAsync();

        Assert.Equal(["R-1", "R-2", "R-10", "R-100"], Ids(await HtmlPage.GetAsync(client, "/")));
        Assert.Equal(["R-100", "R-10", "R-2", "R-1"], Ids(await HtmlPage.GetAsync(client, "/?dir=desc")));
        Assert.Equal(["R-1", "R-2", "R-100", "R-10"], Ids(await HtmlPage.GetAsync(client, "/?sort=title")));
    }

    [Fact]
    public async Task Filtering_by_status_shows_only_that_status()
    {
        var page = await Get("/?status=Completed");

        var expected = app.Stored.Where(m => m.Status == MilestoneStatus.Completed).Select(m => m.Id).Order(StringComparer.OrdinalIgnoreCase).Take(25);
        Assert.Equal([.. expected], Ids(page));
        Assert.Contains("M-003", Ids(page));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var stored = app.Stored[5];
        var page = await Get($"/?priority={stored.Priority}&phase={stored.Phase}&assignee={Uri.EscapeDataString(stored.AssignedTo)}");

        var expected = app.Stored.Where(m => m.Priority == stored.Priority && m.Phase == stored.Phase && m.AssignedTo == stored.AssignedTo).Select(m => m.Id).Order(StringComparer.OrdinalIgnoreCase);
        Assert.Equal([.. expected], Ids(page));
    }

    [Fact]
    public async Task An_author_finds_new_import_and_export_all_above_the_list()
    {
        var page = await Get("/");

        Assert.NotNull(page.Find("main a[href='/milestones/new']"));
        Assert.NotNull(page.Find("main a[href='/milestones/import']"));
        Assert.NotNull(page.Find("main a[href='/milestones/export']"));
    }

    [Fact]
    public async Task A_reviewer_sees_the_list_without_the_authors_buttons()
    {
        var page = await HtmlPage.GetAsync(await app.App.SignedInClientAsync("rita", Roles.Reviewer), "/");

        Assert.Equal(25, Ids(page).Count);
        Assert.Empty(page.FindAll("a[href='/milestones/new'], a[href='/milestones/import'], a[href='/milestones/export']"));
    }

    [Fact]
    public async Task Sorting_by_title_descending_orders_the_rows()
    {
        var page = await Get("/?sort=title&dir=desc");

        var expected = app.Stored.OrderByDescending(m => m.Title, StringComparer.Ordinal).ThenByDescending(m => m.Id, StringComparer.OrdinalIgnoreCase).Select(m => m.Id).Take(25);
        Assert.Equal([.. expected], Ids(page));
    }

    [Fact]
    public async Task Sorting_by_priority_puts_high_first()
    {
        var page = await Get("/?sort=priority");

        var priorities = page.FindAll("table.milestones tbody tr td:nth-child(4)").Select(td => Enum.Parse<Priority>(td.TextContent.Trim())).ToList();
        Assert.Equal(25, priorities.Count);
        Assert.Equal(priorities.Order(), priorities);
        Assert.Equal(Priority.High, priorities[0]);
    }

    [Fact]
    public async Task A_column_header_sorts_by_it_and_a_second_click_reverses()
    {
        var page = await Get("/?q=a&sort=title");

        var title = page.FindAll("th a.sort-link").Single(a => a.TextContent.StartsWith("Title", StringComparison.Ordinal));
        var assignee = page.FindAll("th a.sort-link").Single(a => a.TextContent.StartsWith("Assigned", StringComparison.Ordinal));
        Assert.Equal("/?q=a&sort=title&dir=desc", title.GetAttribute("href"));
        Assert.Equal("/?q=a&sort=assignee", assignee.GetAttribute("href"));
    }

    [Fact]
    public async Task A_search_that_matches_nothing_says_so()
    {
        var page = await Get("/?q=no-such-milestone-anywhere");

        Assert.NotNull(page.Find("#nothing-matches"));
        Assert.Empty(Ids(page));
    }

    [Fact]
    public async Task The_assignee_and_phase_filters_offer_each_stored_value_once_in_order()
    {
        var page = await Get("/");

        var assignees = page.FindAll("select[name=assignee] option").Skip(1).Select(o => o.GetAttribute("value"));
        var phases = page.FindAll("select[name=phase] option").Skip(1).Select(o => o.GetAttribute("value"));
        Assert.Equal(app.Stored.Select(m => m.AssignedTo).Distinct().Order(StringComparer.Ordinal), assignees);
        Assert.Equal(app.Stored.Select(m => m.Phase!.Value).Distinct().Order().Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)), phases);
    }

    [Fact]
    public async Task The_filter_form_keeps_what_was_chosen()
    {
        var page = await Get("/?q=zebra&status=InProgress");

        Assert.Equal("zebra", page.Find("input[name=q]")!.GetAttribute("value"));
        Assert.Equal("InProgress", page.Find("select[name=status] option[selected]")!.GetAttribute("value"));
    }
}

public sealed class EmptyListTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task With_no_milestones_the_list_offers_to_create_or_import()
    {
        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/");

        var empty = page.Find("#no-milestones")!;
        Assert.NotNull(empty.QuerySelector("a[href='/milestones/new']"));
        Assert.NotNull(empty.QuerySelector("a[href='/milestones/import']"));
    }

    [Fact]
    public async Task With_no_milestones_a_reviewer_is_not_offered_what_only_authors_may_do()
    {
        var page = await HtmlPage.GetAsync(await app.SignedInClientAsync("rita", Roles.Reviewer), "/");

        Assert.NotNull(page.Find("#no-milestones"));
        Assert.Empty(page.FindAll("a[href='/milestones/new'], a[href='/milestones/import'], a[href='/milestones/export']"));
    }
}
