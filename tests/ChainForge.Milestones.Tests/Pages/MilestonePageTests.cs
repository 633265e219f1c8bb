using ChainForge.Milestones.Milestones;

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

    [Fact]
    public async Task The_page_offers_edit_export_and_delete()
    {
        await app.StoreAsync(Arrange.Named("M-101"));

        var page = await HtmlPage.GetAsync(await app.AuthorClientAsync(), "/milestones/M-101");

        Assert.Equal(["/milestones/M-101/edit", "/milestones/M-101/export", "/milestones/M-101/delete"],
            page.FindAll("#actions a").Select(a => a.GetAttribute("href")));
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
        Assert.Single(page.FindAll("script")); // Bootstrap's own
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

        Assert.Single(page.FindAll("script"));
        Assert.Empty(page.FindAll("img"));
        Assert.Contains("<script>alert(1)</script>", page.Find("table.milestones")!.TextContent, StringComparison.Ordinal);
    }
}
