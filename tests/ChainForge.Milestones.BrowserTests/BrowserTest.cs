using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>
/// A test with its own page on the app. The app and the browser are shared by the tests of a
/// class; each test gets a fresh browser context. A failed test leaves a screenshot in
/// <c>TestResults/screenshots</c>. A wait for an address polls the address
/// (<see cref="PageObjects.Addresses.WaitForAddressAsync"/>): the locators that follow wait for
/// what they need.
/// </summary>
public abstract class BrowserTest(BrowserAppFactory app, Browser browser) : IClassFixture<BrowserAppFactory>, IClassFixture<Browser>, IAsyncLifetime
{
    private IBrowserContext? _context;
    private readonly List<IBrowserContext> _otherPeople = [];

    protected BrowserAppFactory App { get; } = app;
    protected IPage Page { get; private set; } = null!;
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _context = await NewContextAsync();
        Page = await _context.NewPageAsync();
        await SignInAsync("ada", Roles.Author, Roles.Reviewer, Roles.Admin);
    }

    private async Task<IBrowserContext> NewContextAsync(bool javaScript = true)
    {
        var context = await browser.Require().NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
            JavaScriptEnabled = javaScript,
        });
        // Generous: CI shares two cores with the build and the app.
        context.SetDefaultTimeout(30_000);
        return context;
    }

    /// <summary>A second person at their own browser (own cookies), signed in as <paramref name="userName"/>.</summary>
    protected Task<IPage> AnotherPersonAsync(string userName, params string[] roles) => AnotherPersonAsync(userName, javaScript: true, roles);

    /// <summary>The same, in a browser that runs no script when <paramref name="javaScript"/> is false.</summary>
    protected async Task<IPage> AnotherPersonAsync(string userName, bool javaScript, params string[] roles)
    {
        var context = await NewContextAsync(javaScript);
        _otherPeople.Add(context);
        var page = await context.NewPageAsync();
        await SignInAsync(page, userName, roles);
        return page;
    }

    public const string Password = "Correct-Horse-9";

    /// <summary>The spec's example milestone, M-007, as the canonical export writes it.</summary>
    protected static string Example => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "canonical", "example-M-007.md"));

    /// <summary>Stores the example under another ID, as an import would: the tests of a class share the app.</summary>
    protected async Task StoreExampleAsync(string id)
    {
        var markdown = Example.Replace("M-007", id, StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var plan = await Actors.AcceptingImportAsync(db, [new Milestones.MilestoneFile($"{id}.md", System.Text.Encoding.UTF8.GetBytes(markdown))], "alice", TimeProvider.System, Cancel);
        Assert.True(plan.Succeeded, string.Join("\n", plan.Errors));
    }

    /// <summary>Signs in through the sign-in page as <paramref name="userName"/>, creating the account first if needed.</summary>
    protected async Task SignInAsync(string userName, params string[] roles)
    {
        await _context!.ClearCookiesAsync();
        await SignInAsync(Page, userName, roles);
    }

    private async Task SignInAsync(IPage page, string userName, string[] roles)
    {
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByNameAsync(userName) is null)
                await ChainForge.Milestones.Accounts.Accounts.CreateAsync(users, userName, Password, roles);
        }
        await page.GotoAsync("/account/login");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("[data-signed-in-as]").WaitForAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
            return;
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
            await Screenshot("failed");
        foreach (var other in _otherPeople)
            await other.DisposeAsync();
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Saves a full-page screenshot named for the test, and returns its path.</summary>
    protected Task<string> Screenshot(string suffix) => Screenshot(Page, suffix);

    /// <summary>Saves a screenshot of <paramref name="page"/> (another person's, say): the full page, or what the window shows.</summary>
    protected static async Task<string> Screenshot(IPage page, string suffix, bool fullPage = true)
    {
        var folder = Path.Combine(ResultsFolder(), "screenshots");
        Directory.CreateDirectory(folder);
        var name = $"{TestContext.Current.Test?.TestDisplayName ?? "test"}-{suffix}";
        var path = Path.Combine(folder, string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        return path;
    }

    private static string ResultsFolder()
    {
        // The repository's TestResults folder when run from a clone; the output folder otherwise.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChainForge.Milestones.sln")))
                return Path.Combine(dir.FullName, "TestResults");
        }
        return Path.Combine(AppContext.BaseDirectory, "TestResults");
    }
}
