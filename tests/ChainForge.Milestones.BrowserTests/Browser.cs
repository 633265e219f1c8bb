using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>
/// Debian's Chromium driven by Playwright, one per test class. Playwright never downloads a
/// browser here: it is pointed at /usr/bin/chromium. Where Chromium is missing the tests
/// skip, unless MILESTONES_REQUIRE_BROWSER=1 (as in CI), where they fail.
/// </summary>
public sealed class Browser : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser? Instance { get; private set; }

    public static bool Required => Environment.GetEnvironmentVariable("MILESTONES_REQUIRE_BROWSER") == "1";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            return;
        _playwright = await Playwright.CreateAsync();
        Instance = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's own network chatter is refused on this closed network; keep it quiet.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The browser, or a skipped test (a failed one where a browser is required).</summary>
    public IBrowser Require()
    {
        if (Instance is not null)
            return Instance;
        if (Required)
            Assert.Fail($"Chromium is required (MILESTONES_REQUIRE_BROWSER=1) but {ChromiumPath} is missing: apt-get install chromium");
        Assert.Skip($"Chromium is not installed at {ChromiumPath}");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        if (Instance is not null)
            await Instance.DisposeAsync();
        _playwright?.Dispose();
    }
}
