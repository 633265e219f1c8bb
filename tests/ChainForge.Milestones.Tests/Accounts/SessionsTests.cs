using System.Net;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Accounts;

/// <summary>A session ends on the next request after a role change, a sign-out or its absolute lifetime.</summary>
public sealed class SessionsTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly WebApplicationFactoryClientOptions NoRedirects = new() { AllowAutoRedirect = false };

    private static bool SentToSignIn(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal);

    [Fact]
    public async Task A_role_taken_away_takes_effect_on_the_next_request()
    {
        var client = await app.SignedInClientAsync("tom", NoRedirects, Roles.Author);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/milestones/new", UriKind.Relative), Cancel)).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var refused = await scope.ServiceProvider.GetRequiredService<AccountChanges>()
                .SetRolesAsync(Actors.Admin(), (await users.FindByNameAsync("tom"))!, [Roles.Reviewer], Cancel);
            Assert.Null(refused);
        }

        Assert.True(SentToSignIn(await client.GetAsync(new Uri("/milestones/new", UriKind.Relative), Cancel)));
    }

    [Fact]
    public async Task Signing_out_ends_every_copy_of_the_cookie()
    {
        await app.EnsureUserAsync("una", Roles.Author);
        var cookies = await SignInByHandAsync("una");
        var copy = Client(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(new Uri("/reviews", UriKind.Relative), Cancel)).StatusCode);

        var original = Client(cookies);
        var page = await HtmlPage.GetAsync(original, "/reviews");
        using var signOut = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = page.Find("input[name='__RequestVerificationToken']")!.GetAttribute("value")! });
        Assert.Equal(HttpStatusCode.Redirect, (await original.PostAsync(new Uri("/account/logout", UriKind.Relative), signOut, Cancel)).StatusCode);

        Assert.True(SentToSignIn(await copy.GetAsync(new Uri("/reviews", UriKind.Relative), Cancel)));
    }

    [Fact]
    public async Task A_session_ends_after_its_absolute_lifetime_however_busy()
    {
        var client = await app.SignedInClientAsync("vic", NoRedirects, Roles.Author);
        var start = app.Clock.Now;
        try
        {
            app.Clock.Now = start.AddHours(1);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/reviews", UriKind.Relative), Cancel)).StatusCode);

            app.Clock.Now = start.AddHours(12.5);
            Assert.True(SentToSignIn(await client.GetAsync(new Uri("/reviews", UriKind.Relative), Cancel)));
        }
        finally
        {
            app.Clock.Now = start;
        }
    }

    private HttpClient Client(string cookies)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookies);
        return client;
    }

    /// <summary>Signs in without a cookie jar, and returns the cookies a browser would then hold, to copy.</summary>
    private async Task<string> SignInByHandAsync(string userName)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.GetAsync(new Uri("/account/login", UriKind.Relative), Cancel);
        var antiforgery = CookiesOf(login);
        var form = await HtmlPage.ParseAsync(login);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = userName,
                ["Input.Password"] = MilestonesAppFactory.Password,
                ["__RequestVerificationToken"] = form.Find("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            }),
        };
        request.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(request, Cancel);
        return $"{antiforgery}; {CookiesOf(signedIn)}";
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
}
