using ChainForge.Milestones.Tests.Pages;

namespace ChainForge.Milestones.Tests.Pages.Accounts;

/// <summary>Setup's form, on an installation that has no account yet.</summary>
public sealed class FirstRunPasswordTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task A_weak_password_and_a_mistyped_confirmation_are_both_said_at_once()
    {
        var client = app.CreateClient();
        var setup = await HtmlPage.GetAsync(client, "/setup");

        var refused = await setup.SubmitAsync(client, changes: new Dictionary<string, string>
        {
            ["Input.UserName"] = "root",
            ["Input.Password"] = "abc",
            ["Input.ConfirmPassword"] = "abd",
        });

        Assert.Equal("The two passwords differ.", refused.Find("[data-valmsg-for='Input.ConfirmPassword']")!.TextContent.Trim());
        Assert.Contains("at least 12 characters", refused.Find("[data-valmsg-for='Input.Password']")!.TextContent, StringComparison.Ordinal);
    }
}
