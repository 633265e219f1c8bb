using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>
/// The milestone editor, /milestones/new and /milestones/{id}/edit. Fields are found by the
/// name the form posts without its <c>Milestone.</c> prefix (<c>Design.DataModels.Code</c>),
/// lists by their path (<c>Testing.UnitTests</c>, <c>ImplementationPlan.Phases[1].Tasks</c>).
/// </summary>
public sealed class EditorPage(IPage page)
{
    public IPage Page => page;

    public async Task<EditorPage> GotoNewAsync()
    {
        await page.GotoAsync("/milestones/new");
        return this;
    }

    public async Task<EditorPage> GotoEditAsync(string id)
    {
        await page.GotoAsync($"/milestones/{id}/edit");
        return this;
    }

    /// <summary>The visible input of a field; a checkbox also has a hidden "false" input of the same name.</summary>
    public ILocator Field(string name) => page.Locator($"form[data-milestone-form] [name='Milestone.{name}']:not([type=hidden])");

    public Task FillAsync(string name, string value) => Field(name).FillAsync(value);

    public Task TickAsync(string name, bool ticked = true) => Field(name).SetCheckedAsync(ticked);

    /// <summary>Chooses an option by what it shows: "In progress" for a status, "High" for a priority or a risk level.</summary>
    public Task ChooseAsync(string name, string label) => Field(name).SelectOptionAsync(new SelectOptionValue { Label = label });

    public ILocator List(string path) => page.Locator($"[data-list='Milestone.{path}']");

    public ILocator Items(string path) => List(path).Locator(":scope > .list-items > .list-item");

    /// <summary>Clicks the list's add button and gives the new item's index.</summary>
    public async Task<int> AddItemAsync(string path)
    {
        var before = await Items(path).CountAsync();
        await List(path).Locator(":scope > button[name=listEdit]").ClickAsync();
        await Assertions.Expect(Items(path)).ToHaveCountAsync(before + 1);
        return before;
    }

    public Task MoveUpAsync(string path, int index) => ItemButton(path, index, "Move up").ClickAsync();

    public Task MoveDownAsync(string path, int index) => ItemButton(path, index, "Move down").ClickAsync();

    public Task RemoveAsync(string path, int index) => ItemButton(path, index, "Remove").ClickAsync();

    private ILocator ItemButton(string path, int index, string label) =>
        Items(path).Nth(index).Locator($":scope > div > .item-actions > button[title='{label}']");

    /// <summary>Adds a checklist item (a requirement, a task, a test...) with its box.</summary>
    public async Task AddChecklistItemAsync(string path, bool done, string text)
    {
        var i = await AddItemAsync(path);
        await FillAsync($"{path}[{i}].Text", text);
        await TickAsync($"{path}[{i}].Done", done);
    }

    public async Task AddEntryAsync(string path, string text)
    {
        var i = await AddItemAsync(path);
        await FillAsync($"{path}[{i}]", text);
    }

    public async Task AddComponentAsync(string name, string description)
    {
        var i = await AddItemAsync("Design.Components");
        await FillAsync($"Design.Components[{i}].Name", name);
        await FillAsync($"Design.Components[{i}].Description", description);
    }

    public async Task AddRiskAsync(string path, string description, string probability, string impact, string mitigation)
    {
        var i = await AddItemAsync(path);
        await FillAsync($"{path}[{i}].Description", description);
        await ChooseAsync($"{path}[{i}].Probability", probability);
        await ChooseAsync($"{path}[{i}].Impact", impact);
        await FillAsync($"{path}[{i}].Mitigation", mitigation);
    }

    /// <summary>Fills a metric of the template's fixed keys, found by its key.</summary>
    public async Task FillMetricAsync(string path, string key, string metric, string target)
    {
        var keys = await List(path).Locator($"input[name$='.Key']").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
        var i = Array.IndexOf(keys, key);
        Assert.True(i >= 0, $"{path} has no metric {key}: {string.Join(", ", keys)}");
        await FillAsync($"{path}[{i}].Metric", metric);
        await FillAsync($"{path}[{i}].Target", target);
    }

    public async Task AddDependencyAsync(string path, bool satisfied, string name, string status)
    {
        var i = await AddItemAsync(path);
        await TickAsync($"{path}[{i}].Satisfied", satisfied);
        await FillAsync($"{path}[{i}].Name", name);
        await FillAsync($"{path}[{i}].Status", status);
    }

    /// <summary>A checkpoint by its name without spaces (StartDate); an empty date leaves it blank.</summary>
    public async Task SetCheckpointAsync(string name, bool reached, string date)
    {
        await TickAsync($"Checkpoints.{name}.Reached", reached);
        await FillAsync($"Checkpoints.{name}.Date", date);
    }

    public Task SaveAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Save milestone" }).Last.ClickAsync();

    /// <summary>Saves and lands on the milestone page, as a successful save does; a refused save fails with its messages.</summary>
    public async Task<MilestonePage> SaveAndOpenAsync(string id)
    {
        // Errors already on the page are marked, so that only the answer to this save counts.
        await page.EvaluateAsync("() => document.getElementById('errors')?.setAttribute('data-seen', '')");
        await SaveAsync();
        await page.Locator("article#milestone, #errors:not([data-seen])").First.WaitForAsync();
        if (new Uri(page.Url).AbsolutePath != $"/milestones/{id}")
            Assert.Fail($"the save was refused: {(await ErrorSummary.CountAsync() > 0 ? await ErrorSummary.InnerTextAsync() : page.Url)}{(await page.Locator("#collisions").CountAsync() > 0 ? "\n" + await page.Locator("#collisions").InnerTextAsync() : "")}");
        return new MilestonePage(page, id);
    }

    /// <summary>The list of errors at the top of a refused save.</summary>
    public ILocator ErrorSummary => page.Locator("#errors");

    /// <summary>The message beside a field.</summary>
    public ILocator MessageBeside(string name) => page.Locator($"[data-valmsg-for='Milestone.{name}']");

    /// <summary>What someone else saved while this editor was open, shown after a refused save.</summary>
    public ILocator OtherChanges => page.Locator("#other-changes");
}
