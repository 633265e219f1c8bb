using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

internal static class Addresses
{
    /// <summary>
    /// Waits until the page's address matches <paramref name="pattern"/>, by polling the address:
    /// never for a load event (which has hung on CI after a form's redirect), and never for a
    /// navigation that may have happened already (Playwright's WaitForURL then waits for a load
    /// state that never comes, as it did for a fast review link).
    /// </summary>
    public static Task WaitForAddressAsync(this IPage page, string pattern) =>
        Assertions.Expect(page).ToHaveURLAsync(new Regex(pattern), new() { Timeout = 30_000 });
}
