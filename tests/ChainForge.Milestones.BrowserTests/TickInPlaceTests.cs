using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.BrowserTests.PageObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>Ticking a box on the milestone page, in place (wwwroot/js/milestone-ticks.js, Pages/Milestones/Tick).</summary>
public sealed class TickInPlaceTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    private async Task<Milestones.Milestone> StoredAsync(string id)
    {
        await using var db = App.CreateDbContext();
        return await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == id, Cancel);
    }

    [Fact]
    public async Task A_task_ticked_on_the_page_is_saved_and_the_counts_and_progress_follow_without_a_reload()
    {
        await StoreExampleAsync("M-611");
        var before = await StoredAsync("M-611");
        var index = before.ImplementationPlan.Phases[1].Tasks.FindIndex(t => !t.Done);
        var name = $"ImplementationPlan.Phases[1].Tasks[{index}]";
        var milestone = await MilestonePage.OpenAsync(Page, "M-611");
        await Page.EvaluateAsync("() => window.samePage = true");
        var box = milestone.Box(name);
        Assert.True(await box.IsEnabledAsync());

        await milestone.TickAsync(name);

        await Assertions.Expect(Page.Locator("#tick-message")).ToContainTextAsync("Saved: ticked");
        await Assertions.Expect(milestone.Box(name)).ToBeCheckedAsync();
        await Assertions.Expect(milestone.Box(name)).ToBeFocusedAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.samePage === true"), "the page was not reloaded");
        var after = await StoredAsync("M-611");
        Assert.True(after.ImplementationPlan.Phases[1].Tasks[index].Done);
        Assert.True(after.Progress > before.Progress);
        Assert.Equal(after.Version.ToString(), await milestone.Rendered.GetAttributeAsync("data-version"));
        // The page's other forms send the new version: asking for review now is not refused as stale.
        Assert.Equal(after.Version.ToString(), await Page.Locator("form input[name=Version]").First.InputValueAsync());
        await Screenshot("ticked-in-place");
    }

    [Fact]
    public async Task A_tick_after_someone_else_saved_is_refused_says_so_and_shows_the_item_as_stored()
    {
        await StoreExampleAsync("M-612");
        var stored = await StoredAsync("M-612");
        var index = stored.AcceptanceCriteria.ShouldHave.FindIndex(c => !c.Done);
        var name = $"AcceptanceCriteria.ShouldHave[{index}]";
        var milestone = await MilestonePage.OpenAsync(Page, "M-612");

        // Bob ticks the same criterion in his browser first.
        var bob = await AnotherPersonAsync("bob", Roles.Author);
        var his = await MilestonePage.OpenAsync(bob, "M-612");
        await his.TickAsync(name);
        await Assertions.Expect(bob.Locator("#tick-message")).ToContainTextAsync("Saved");

        // Ada, on the page she opened before his tick, ticks another box.
        await milestone.TickAsync("Documentation.User[0]");

        await Assertions.Expect(Page.Locator("#tick-message")).ToContainTextAsync("Not saved: bob saved M-612 since you opened it");
        // The box is far down the page: its answer is in view there, not at the top of the page.
        await Assertions.Expect(Page.Locator("#tick-message")).ToBeInViewportAsync();
        await Assertions.Expect(milestone.Box(name)).ToBeCheckedAsync();
        await Assertions.Expect(milestone.Box("Documentation.User[0]")).Not.ToBeCheckedAsync();
        Assert.False((await StoredAsync("M-612")).Documentation.User[0].Done);
        await Screenshot("tick-refused-after-another-save");

        // Now on the current version, her tick is saved.
        await milestone.TickAsync("Documentation.User[0]");
        await Assertions.Expect(Page.Locator("#tick-message")).ToContainTextAsync("Saved: ticked");
        Assert.True((await StoredAsync("M-612")).Documentation.User[0].Done);
    }

    [Fact]
    public async Task A_reviewer_sees_the_boxes_but_cannot_tick_them()
    {
        await StoreExampleAsync("M-613");
        var reviewer = await AnotherPersonAsync("rita", Roles.Reviewer);
        var page = await MilestonePage.OpenAsync(reviewer, "M-613");

        Assert.True(await page.Rendered.Locator("input[type=checkbox]").CountAsync() > 10);
        Assert.Equal(0, await page.Rendered.Locator("input[type=checkbox]:enabled").CountAsync());
        Assert.Null(await page.Rendered.GetAttributeAsync("data-tick-url"));
    }
}
