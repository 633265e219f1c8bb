using ChainForge.Milestones.BrowserTests.PageObjects;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>Nothing typed in the editor is lost by leaving it (wwwroot/js/milestone-draft.js).</summary>
public sealed class UnsavedWorkTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    private const string DraftKept = "text => Object.keys(localStorage).some(k => k.startsWith('milestone-draft:') && localStorage.getItem(k).includes(text))";

    [Fact]
    public async Task Leaving_the_editor_with_unsaved_changes_asks_first_and_stays_when_told_to()
    {
        await StoreExampleAsync("M-601");
        var editor = await new EditorPage(Page).GotoEditAsync("M-601");
        await editor.FillAsync("Title", "A title not saved yet");

        var asked = await StayWhenAskedAsync(() => Page.Locator("a.navbar-brand").ClickAsync());

        Assert.Equal("beforeunload", asked);
        Assert.EndsWith("/milestones/M-601/edit", Page.Url, StringComparison.Ordinal);
        Assert.Equal("A title not saved yet", await editor.Field("Title").InputValueAsync());
    }

    [Fact]
    public async Task An_editor_without_changes_is_left_without_a_question()
    {
        await StoreExampleAsync("M-602");
        await new EditorPage(Page).GotoEditAsync("M-602");
        var asked = false;
        Page.Dialog += (_, dialog) => asked = true;

        await Page.Locator("a.navbar-brand").ClickAsync();

        await Page.WaitForAddressAsync(@"^https?://[^/]+/(\?.*)?$");
        Assert.False(asked);
    }

    [Fact]
    public async Task A_draft_with_an_added_list_item_is_offered_back_in_a_new_tab_restored_and_dropped_once_saved()
    {
        await StoreExampleAsync("M-603");
        var editor = await new EditorPage(Page).GotoEditAsync("M-603");
        var before = await editor.Items("Requirements.Functional").CountAsync();
        await editor.FillAsync("Title", "Retitled in a draft");
        await editor.AddChecklistItemAsync("Requirements.Functional", false, "A requirement typed before the tab closed");
        await Page.WaitForFunctionAsync(DraftKept, "typed before the tab closed");

        // The person closes the tab and comes back in another.
        var again = new EditorPage(await Page.Context.NewPageAsync());
        await Page.CloseAsync(new() { RunBeforeUnload = false });
        await again.GotoEditAsync("M-603");

        var offer = again.Page.Locator("#draft-offer");
        await Assertions.Expect(offer).ToContainTextAsync("unsaved draft of this milestone from");
        Assert.Equal("Block Propagation Protocol", await again.Field("Title").InputValueAsync());
        await offer.GetByRole(AriaRole.Button, new() { Name = "Restore the draft" }).ClickAsync();

        await Assertions.Expect(offer).ToHaveCountAsync(0);
        Assert.Equal("Retitled in a draft", await again.Field("Title").InputValueAsync());
        await Assertions.Expect(again.Items("Requirements.Functional")).ToHaveCountAsync(before + 1);
        Assert.Equal("A requirement typed before the tab closed", await again.Field($"Requirements.Functional[{before}].Text").InputValueAsync());

        var milestone = await again.SaveAndOpenAsync("M-603");
        await Assertions.Expect(again.Page.Locator("h1").First).ToContainTextAsync("Retitled in a draft");
        Assert.False(await again.Page.EvaluateAsync<bool>(DraftKept, "typed before the tab closed"));
        await again.GotoEditAsync("M-603");
        Assert.Equal(0, await again.Page.Locator("#draft-offer").CountAsync());
        Assert.Equal("A requirement typed before the tab closed", await again.Field($"Requirements.Functional[{before}].Text").InputValueAsync());
        Assert.NotNull(milestone);
    }

    [Fact]
    public async Task A_discarded_draft_is_gone_and_the_saved_milestone_stays_in_the_editor()
    {
        await StoreExampleAsync("M-604");
        var editor = await new EditorPage(Page).GotoEditAsync("M-604");
        await editor.FillAsync("Title", "A title the person throws away");
        await Page.WaitForFunctionAsync(DraftKept, "the person throws away");
        var again = new EditorPage(await Page.Context.NewPageAsync());
        await Page.CloseAsync(new() { RunBeforeUnload = false });
        await again.GotoEditAsync("M-604");

        await again.Page.Locator("#draft-offer").GetByRole(AriaRole.Button, new() { Name = "Discard it" }).ClickAsync();

        await Assertions.Expect(again.Page.Locator("#draft-offer")).ToHaveCountAsync(0);
        Assert.Equal("Block Propagation Protocol", await again.Field("Title").InputValueAsync());
        Assert.False(await again.Page.EvaluateAsync<bool>(DraftKept, "the person throws away"));
    }

    [Fact]
    public async Task A_save_the_server_refuses_keeps_the_draft_and_the_warning()
    {
        await StoreExampleAsync("M-605");
        var editor = await new EditorPage(Page).GotoEditAsync("M-605");
        await editor.FillAsync("Title", "Kept although refused");
        await editor.FillAsync("Phase", "-3");

        await editor.SaveAsync();
        await Assertions.Expect(editor.ErrorSummary).ToBeVisibleAsync();

        Assert.True(await Page.EvaluateAsync<bool>(DraftKept, "Kept although refused"));
        Assert.Equal("beforeunload", await StayWhenAskedAsync(() => Page.Locator("a.navbar-brand").ClickAsync()));
        Assert.EndsWith("/milestones/M-605/edit", Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enter_in_a_one_line_field_does_not_send_a_half_filled_milestone()
    {
        var editor = await new EditorPage(Page).GotoNewAsync();
        await editor.FillAsync("Id", "M-606");
        await editor.FillAsync("Title", "Half filled");
        await Page.EvaluateAsync("() => document.querySelector('form[data-milestone-form]').addEventListener('submit', () => window.sent = true)");

        var body = await editor.Field("ProblemStatement").InputValueAsync();
        await editor.Field("Title").PressAsync("Enter");
        await editor.Field("ProblemStatement").PressAsync("Enter");

        Assert.False(await Page.EvaluateAsync<bool>("() => window.sent === true"));
        Assert.EndsWith("/milestones/new", Page.Url, StringComparison.Ordinal);
        // In a text area Enter still starts a new line.
        Assert.Equal(body.Length + 1, (await editor.Field("ProblemStatement").InputValueAsync()).Length);
    }

    /// <summary>Does <paramref name="action"/> and answers the dialog it opens with "stay": gives the dialog's type.</summary>
    private async Task<string> StayWhenAskedAsync(Func<Task> action)
    {
        var shown = new TaskCompletionSource<IDialog>();
        void OnDialog(object? sender, IDialog dialog) => shown.TrySetResult(dialog);
        Page.Dialog += OnDialog;
        try
        {
            var acting = action();
            var dialog = await shown.Task.WaitAsync(TimeSpan.FromSeconds(30), Cancel);
            await dialog.DismissAsync();
            await acting;
            return dialog.Type;
        }
        finally
        {
            Page.Dialog -= OnDialog;
        }
    }
}
