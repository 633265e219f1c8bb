using ChainForge.Milestones.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Pages.Accounts;

/// <summary>People choose their own passwords; one an administrator set is replaced at first sign-in.</summary>
public sealed class PasswordTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private const string Chosen = "lantern orbit pickle thursday";

    private async Task<(HttpClient Client, HtmlPage Page)> SignInAsync(string userName, string password)
    {
        var client = app.CreateClient();
        var login = await HtmlPage.GetAsync(client, "/account/login");
        var page = await login.SubmitAsync(client, changes: new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
        return (client, page);
    }

    [Fact]
    public async Task Someone_whose_password_an_administrator_set_must_choose_their_own_before_anything_else()
    {
        await app.AuthorClientAsync();
        using (var scope = app.Services.CreateScope())
        {
            var errors = await scope.ServiceProvider.GetRequiredService<AccountChanges>()
                .CreateAsync(Actors.Admin(), "newbie", MilestonesAppFactory.Password, [Roles.Author], cancellationToken: TestContext.Current.CancellationToken);
            Assert.Empty(errors);
        }

        var (client, landed) = await SignInAsync("newbie", MilestonesAppFactory.Password);
        Assert.Equal("/account/password", landed.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(landed.Find("#password-required"));
        Assert.Equal("/account/password", (await HtmlPage.GetAsync(client, "/portfolio")).Response.RequestMessage!.RequestUri!.AbsolutePath);

        var weak = await landed.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = MilestonesAppFactory.Password,
            ["Input.New"] = "password1234",
            ["Input.Confirm"] = "password1234",
        });
        Assert.Contains("too easy to guess", weak.Find("[data-valmsg-for='Input.New']")!.TextContent, StringComparison.Ordinal);

        var done = await weak.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = MilestonesAppFactory.Password,
            ["Input.New"] = Chosen,
            ["Input.Confirm"] = Chosen,
        });
        Assert.Equal("/", done.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Your new password is set.", done.Find("#message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/portfolio", (await HtmlPage.GetAsync(client, "/portfolio")).Response.RequestMessage!.RequestUri!.AbsolutePath);

        var (_, old) = await SignInAsync("newbie", MilestonesAppFactory.Password);
        Assert.Contains(SignInLimits.Failed, old.Find(".alert-danger")!.TextContent, StringComparison.Ordinal);
        var (_, fresh) = await SignInAsync("newbie", Chosen);
        Assert.Equal("/", fresh.Response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_current_password_is_said_beside_it()
    {
        var client = await app.SignedInClientAsync("keen", Roles.Author);
        var page = await HtmlPage.GetAsync(client, "/account/password");

        var refused = await page.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.Current"] = "not my password",
            ["Input.New"] = Chosen,
            ["Input.Confirm"] = Chosen,
        });

        Assert.Equal("That is not your current password.", refused.Find("[data-valmsg-for='Input.Current']")!.TextContent.Trim());
        Assert.Null(refused.Find("#password-required"));
    }
}
