using System.Net;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChainForge.Milestones.Tests.Accounts;

/// <summary>Sign-in against guessing: one message for every failure, and a limit per client address.</summary>
public sealed class SignInLimitsTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static Task<HtmlPage> TryAsync(HttpClient client, HtmlPage login, string userName, string password) =>
        login.SubmitAsync(client, changes: new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    [Fact]
    public async Task A_wrong_password_an_unknown_name_and_a_locked_account_get_the_same_message()
    {
        await app.EnsureUserAsync("wes", Roles.Author);
        var client = app.CreateClient();
        var login = await HtmlPage.GetAsync(client, "/account/login");

        var wrong = await TryAsync(client, login, "wes", "not the password at all");
        var unknown = await TryAsync(client, login, "nobody-by-this-name", "not the password at all");
        for (var i = 0; i < 5; i++)
            await TryAsync(client, login, "wes", "not the password at all");
        var locked = await TryAsync(client, login, "wes", MilestonesAppFactory.Password);

        string Message(HtmlPage page) => page.Find(".validation-summary-errors, [data-valmsg-summary]")!.TextContent.Trim();
        Assert.Equal(SignInLimits.Failed, Message(wrong));
        Assert.Equal(Message(wrong), Message(unknown));
        Assert.Equal(Message(wrong), Message(locked));
    }

    [Fact]
    public async Task An_address_that_tries_too_often_is_told_to_wait_whichever_names_it_tries()
    {
        // An account exists: on a fresh instance every request is sent to setup instead.
        await app.EnsureUserAsync("wes", Roles.Author);
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting(SignInLimits.AttemptsPerMinuteSetting, "3"));
        var client = limited.CreateClient();
        var login = await HtmlPage.GetAsync(client, "/account/login");

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await TryAsync(client, login, $"someone-{i}", "not the password at all")).Response.StatusCode);
        var fourth = await TryAsync(client, login, "someone-else", "not the password at all");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account/login", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }
}
