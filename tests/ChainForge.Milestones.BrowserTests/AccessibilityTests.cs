using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
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
        "/admin/users", "/admin/users/ada", "/admin/settings", "/admin/audit", "/admin/archive", "/admin/webhooks",
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
    public async Task The_webhook_pages_with_a_webhook_and_its_log_have_no_serious_or_critical_violation()
    {
        long id;
        using (var scope = App.Services.CreateScope())
        {
            var (webhook, _, _) = await scope.ServiceProvider.GetRequiredService<Webhooks.WebhookChanges>()
                .RegisterAsync(new Accounts.Actor("ada", new HashSet<string> { Accounts.Roles.Admin }, Audit.Channel.Web), "http://127.0.0.1:9/hooks", null, Webhooks.WebhookEvents.All, Cancel);
            id = webhook!.Id;
        }
        // A delivery in the log (to a port nobody listens on: it fails, and says so).
        await StoreExampleAsync("M-704");
        await App.Services.GetRequiredService<Webhooks.WebhookDispatcher>().DeliverDueAsync(Cancel);

        foreach (var url in new[] { "/admin/webhooks", $"/admin/webhooks/{id}" })
        {
            await Page.GotoAsync(url);
            var serious = (await Page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
            Assert.True(serious.Count == 0, $"{url}:\n" + string.Join("\n", serious));
        }
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Replay the milestone.created delivery of", Exact = false }).First).ToBeVisibleAsync();
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
