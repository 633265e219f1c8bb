using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>
/// A test with its own page on the app. The app and the browser are shared by the tests of a
/// class; each test gets a fresh browser context. A failed test leaves a screenshot in
/// <c>TestResults/screenshots</c>.
/// </summary>
public abstract class BrowserTest(BrowserAppFactory app, Browser browser) : IClassFixture<BrowserAppFactory>, IClassFixture<Browser>, IAsyncLifetime
{
    private IBrowserContext? _context;

    protected BrowserAppFactory App { get; } = app;
    protected IPage Page { get; private set; } = null!;
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var chromium = browser.Require();
        _context = await chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.ServerAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        // Generous: CI shares two cores with the build and the app.
        _context.SetDefaultTimeout(30_000);
        Page = await _context.NewPageAsync();
        await SignInAsync("ada", Roles.Author, Roles.Reviewer, Roles.Admin);
    }

    public const string Password = "Correct-Horse-9";

    /// <summary>Signs in through the sign-in page as <paramref name="userName"/>, creating the account first if needed.</summary>
    protected async Task SignInAsync(string userName, params string[] roles)
    {
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByNameAsync(userName) is null)
                await Accounts.Accounts.CreateAsync(users, userName, Password, roles);
        }
        await _context!.ClearCookiesAsync();
        await Page.GotoAsync("/account/login");
        await Page.GetByLabel("User name").FillAsync(userName);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.Locator("[data-signed-in-as]").WaitForAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is null)
            return;
        if (TestContext.Current.TestState?.Result == TestResult.Failed)
            await Screenshot("failed");
        await _context.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Saves a full-page screenshot named for the test, and returns its path.</summary>
    protected async Task<string> Screenshot(string suffix)
    {
        var folder = Path.Combine(ResultsFolder(), "screenshots");
        Directory.CreateDirectory(folder);
        var name = $"{TestContext.Current.Test?.TestDisplayName ?? "test"}-{suffix}";
        var path = Path.Combine(folder, string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')) + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
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
