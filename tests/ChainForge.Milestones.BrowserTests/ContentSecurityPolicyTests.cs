using ChainForge.Milestones.BrowserTests.PageObjects;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>Every page works under the app's Content-Security-Policy: nothing it refuses is on any page.</summary>
public sealed class ContentSecurityPolicyTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    [Fact]
    public async Task No_page_has_anything_the_content_security_policy_refuses()
    {
        var refused = new List<string>();
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                refused.Add($"{Page.Url}: {message.Text}");
        };
        await StoreExampleAsync("M-070");
        await StoreExampleAsync("M-071");
        await new EditorPage(Page).GotoEditAsync("M-070");

        foreach (var url in new[]
        {
            "/", "/milestones/M-070", "/milestones/M-070/edit", "/milestones/new", "/milestones/M-070/history",
            "/milestones/M-070/history/diff?from=1&to=1", "/milestones/M-070/review", "/milestones/M-070/archive",
            "/milestones/import", "/portfolio", "/portfolio/risks?probability=HIGH&impact=HIGH", "/dependencies", "/reviews",
            "/notifications", "/admin/users", "/admin/users/ada", "/admin/settings", "/admin/archive", "/admin/audit",
        })
        {
            var response = await Page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url}: {response.Status}");
        }

        Assert.Empty(refused);
        // The graph's sizes come from the app's script, as no style attribute may.
        await Page.GotoAsync("/dependencies");
        Assert.NotEqual("", await Page.Locator("#dependency-graph").EvaluateAsync<string>("g => g.style.maxWidth"));
    }
}
