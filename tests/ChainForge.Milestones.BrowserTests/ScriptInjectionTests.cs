using ChainForge.Milestones.BrowserTests.PageObjects;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>Whatever an author types is shown as text: no page runs a script from a milestone.</summary>
public sealed class ScriptInjectionTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    /// <summary>Each would set <c>window.__xss</c> if the browser ran it.</summary>
    private static readonly string[] Payloads =
    [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=1\">",
        "[x](javascript:window.__xss=1)",
        "<svg onload=window.__xss=1>",
        "<a href=\"javascript:window.__xss=1\">a</a>",
        "<a href=\"#\" onclick=\"window.__xss=1\">b</a>",
        "<javascript:window.__xss=1>",
    ];

    /// <summary>A link that stays a link, so that clicking the rendered links has something to click.</summary>
    private const string OrdinaryLink = "[the history](/milestones/M-060/history)";

    [Fact]
    public async Task Script_typed_into_every_text_field_never_runs_on_any_page()
    {
        var dialogs = new List<string>();
        Page.Dialog += (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
        await StoreExampleAsync("M-060");
        var editor = await new EditorPage(Page).GotoEditAsync("M-060");
        // Lists the example leaves empty get an item, so that every kind of field holds a payload.
        await editor.AddItemAsync("AcceptanceCriteria.CouldHave");
        await editor.AddItemAsync("ExtraSections");

        // Not the code samples' languages: one word of letters, digits and + - # . _ is all the
        // validator lets through, so no markup can get there.
        var fields = Page.Locator("form[data-milestone-form] :is(input:not([type]), input[type=text], textarea):not([readonly]):not([name$='.Language'])");
        var count = await fields.CountAsync();
        for (var i = 0; i < count; i++)
        {
            // Bodies and code get every payload, a paragraph each; one-line fields one each, in turn.
            var multiline = await fields.Nth(i).EvaluateAsync<bool>("e => e.tagName === 'TEXTAREA'");
            await fields.Nth(i).FillAsync(multiline ? string.Join("\n\n", [.. Payloads, OrdinaryLink]) : Payloads[i % Payloads.Length]);
        }
        await NoScriptRanAsync("the editor");
        var milestone = await editor.SaveAndOpenAsync("M-060");

        // Shown as the text typed, not dropped: the check below has something to check.
        await Assertions.Expect(milestone.Rendered).ToContainTextAsync(Payloads[0]);
        await NoScriptRanAsync("the milestone page");
        var links = milestone.RenderedLinks;
        var linkCount = await links.CountAsync();
        Assert.True(linkCount > 0, "the rendered milestone has links to click");
        await Screenshot("rendered");
        for (var i = 0; i < linkCount; i++)
        {
            await links.Nth(i).ClickAsync();
            await NoScriptRanAsync($"the milestone page after clicking its link {i}");
            if (new Uri(Page.Url).AbsolutePath != "/milestones/M-060")
                await milestone.GotoAsync();
        }

        var list = await new ListPage(Page).GotoAsync();
        await Assertions.Expect(list.Row("M-060")).ToHaveCountAsync(1);
        await NoScriptRanAsync("the list");
        await milestone.GotoHistoryAsync();
        await NoScriptRanAsync("the history");
        await milestone.GotoReviewAsync();
        await NoScriptRanAsync("the review page");
        foreach (var page in new[] { "/portfolio", "/portfolio/risks", "/dependencies", "/reviews" })
        {
            await Page.GotoAsync(page);
            await NoScriptRanAsync(page);
        }
        await editor.GotoEditAsync("M-060");
        await NoScriptRanAsync("the editor with the saved milestone");
        Assert.Empty(dialogs);
    }

    private async Task NoScriptRanAsync(string where) =>
        Assert.True(await Page.EvaluateAsync<bool>("() => window.__xss === undefined"), $"a script from the milestone ran on {where}");
}
