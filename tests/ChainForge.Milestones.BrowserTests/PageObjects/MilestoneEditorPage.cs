using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>The milestone editor, /milestones/new and /milestones/{id}/edit.</summary>
public sealed class MilestoneEditorPage(IPage page)
{
    private const string Id = "#Milestone_Id";
    private const string Title = "#Milestone_Title";
    private const string ProblemStatement = "#Milestone_ProblemStatement";
    private const string SolutionOverview = "#Milestone_SolutionOverview";
    private const string FunctionalRequirements = "#Milestone_Requirements_Functional";
    private const string MustHave = "#Milestone_AcceptanceCriteria_MustHave";
    private const string AddItem = ":scope > button[value^='add|']";
    private const string ItemText = ".list-items input[aria-label='Text']";
    private const string ItemDone = ".list-items input[type=checkbox][aria-label='Done']";
    private const string Status = "#Milestone_Status";
    private const string StatusError = "span[data-valmsg-for='Milestone.Status']";
    private const string Errors = "#errors";
    private const string Save = "button[type=submit]:text-is('Save milestone')";

    public static async Task<MilestoneEditorPage> OpenNewAsync(IPage page)
    {
        await page.GotoAsync("/milestones/new");
        return new MilestoneEditorPage(page);
    }

    public static async Task<MilestoneEditorPage> OpenAsync(IPage page, string id)
    {
        await page.GotoAsync($"/milestones/{id}/edit");
        return new MilestoneEditorPage(page);
    }

    public Task FillIdAsync(string id) => page.Locator(Id).FillAsync(id);

    public Task FillTitleAsync(string title) => page.Locator(Title).FillAsync(title);

    public Task FillProblemStatementAsync(string text) => page.Locator(ProblemStatement).FillAsync(text);

    public Task FillSolutionOverviewAsync(string text) => page.Locator(SolutionOverview).FillAsync(text);

    public Task AddFunctionalRequirementAsync(string text) => AddItemAsync(FunctionalRequirements, text);

    public Task AddMustHaveAsync(string text) => AddItemAsync(MustHave, text);

    /// <summary>Rewrites the text of the functional requirement at <paramref name="index"/>.</summary>
    public Task ChangeFunctionalRequirementAsync(int index, string text) =>
        page.Locator(FunctionalRequirements).Locator(ItemText).Nth(index).FillAsync(text);

    public async Task TickEveryMustHaveAsync()
    {
        foreach (var box in await page.Locator(MustHave).Locator(ItemDone).AllAsync())
            await box.CheckAsync();
    }

    /// <summary>Chooses a status as the template spells it (REVIEW, COMPLETED).</summary>
    public Task SetStatusAsync(string templateSpelling) =>
        page.Locator(Status).SelectOptionAsync(new SelectOptionValue { Label = templateSpelling });

    public Task<string> StatusAsync() => page.Locator(Status).Locator("option:checked").InnerTextAsync();

    public Task<string> ProblemStatementAsync() => page.Locator(ProblemStatement).InputValueAsync();

    /// <summary>The error shown beside the Status field, empty when none.</summary>
    public async Task<string> StatusErrorAsync() => (await page.Locator(StatusError).InnerTextAsync()).Trim();

    public Task<bool> HasErrorSummaryAsync() => page.Locator(Errors).IsVisibleAsync();

    /// <summary>Saves; the page that follows is the milestone page or, when refused, the editor again.</summary>
    public Task SaveAsync() => page.Locator(Save).First.ClickAsync();

    /// <summary>Saves and expects to land on the milestone's page.</summary>
    public async Task<MilestonePage> SaveAndOpenMilestoneAsync(string id)
    {
        await SaveAsync();
        await page.WaitForURLAsync($"**/milestones/{id}");
        return new MilestonePage(page, id);
    }

    private async Task AddItemAsync(string list, string text)
    {
        var items = page.Locator(list).Locator(ItemText);
        var before = await items.CountAsync();
        await page.Locator(list).Locator(AddItem).ClickAsync();
        await items.Nth(before).FillAsync(text);
    }
}
