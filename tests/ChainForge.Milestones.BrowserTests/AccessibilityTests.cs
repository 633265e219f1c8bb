using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>
/// Every page, checked by axe-core in the browser: no serious or critical violation. And the
/// editor by keyboard: a skip link first, and list controls named for their item.
/// </summary>
public sealed class AccessibilityTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    public static TheoryData<string> Pages() =>
    [
        "/", "/milestones/M-701", "/milestones/M-701/edit", "/milestones/new", "/milestones/M-701/history",
        "/milestones/M-701/review", "/milestones/M-701/archive", "/milestones/import", "/reviews", "/portfolio",
        "/portfolio/risks?probability=HIGH&impact=HIGH", "/dependencies", "/notifications", "/account/password", "/account/tokens", "/api",
        "/admin/users", "/admin/users/ada", "/admin/settings", "/admin/audit", "/admin/archive",
    ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violation(string url)
    {
        await StoreExampleAsync("M-701");
        await Page.GotoAsync(url);

        var result = await Page.RunAxe();

        var serious = result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(5).Select(n => n.Target.ToString()))}")
            .ToList();
        Assert.True(serious.Count == 0, $"{url}:\n" + string.Join("\n", serious));
    }

    [Fact]
    public async Task The_first_tab_stop_skips_to_the_content()
    {
        await Page.GotoAsync("/");

        await Page.Keyboard.PressAsync("Tab");
        var skip = Page.Locator("a[href='#main']");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeVisibleAsync();
        await Page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(Page.Locator("main#main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task List_controls_are_named_for_their_item_and_follow_it_when_it_moves()
    {
        await StoreExampleAsync("M-702");
        var editor = await new PageObjects.EditorPage(Page).GotoEditAsync("M-702");
        var first = await editor.Field("Requirements.Functional[0].Text").InputValueAsync();

        Assert.Equal("Requirement 1 of Functional Requirements", await editor.Field("Requirements.Functional[0].Text").GetAttributeAsync("aria-label"));
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Remove criterion 2 of Must Have", Exact = true })).ToHaveCountAsync(1);

        await editor.MoveDownAsync("Requirements.Functional", 0);

        // The moved item is now the second: its text box, and the button that moved it, say so.
        Assert.Equal(first, await editor.Field("Requirements.Functional[1].Text").InputValueAsync());
        Assert.Equal("Requirement 2 of Functional Requirements", await editor.Field("Requirements.Functional[1].Text").GetAttributeAsync("aria-label"));
        var focused = await Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')");
        Assert.Equal("Move requirement 2 of Functional Requirements down", focused);
    }

    [Fact]
    public async Task Removing_an_item_leaves_focus_on_the_item_that_took_its_place()
    {
        await StoreExampleAsync("M-703");
        var editor = await new PageObjects.EditorPage(Page).GotoEditAsync("M-703");
        var second = await editor.Field("Requirements.Functional[1].Text").InputValueAsync();

        await editor.RemoveAsync("Requirements.Functional", 0);

        Assert.Equal(second, await Page.EvaluateAsync<string>("() => document.activeElement.value"));
        Assert.Equal("Requirement 1 of Functional Requirements", await Page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
    }
}
