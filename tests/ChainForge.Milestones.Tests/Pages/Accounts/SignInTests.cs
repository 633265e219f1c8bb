using System.Net;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Tests.Pages;

namespace ChainForge.Milestones.Tests.Pages.Accounts;

public sealed class SignInTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>, IAsyncLifetime
{
    public async ValueTask InitializeAsync()
    {
        await app.EnsureUserAsync("root", Roles.Admin);
        await app.EnsureUserAsync("writer", Roles.Author);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Task<HtmlPage> SignIn(HttpClient client, HtmlPage login, string user, string password) =>
        login.SubmitAsync(client, changes: new Dictionary<string, string> { ["Input.UserName"] = user, ["Input.Password"] = password });

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in_and_back_afterwards()
    {
        var client = app.CreateClient();

        var login = await HtmlPage.GetAsync(client, "/reviews");
        Assert.Equal("/account/login", login.Response.RequestMessage!.RequestUri!.AbsolutePath);

        var back = await SignIn(client, login, "writer", MilestonesAppFactory.Password);
        Assert.Equal("/reviews", back.Response.RequestMessage!.RequestUri!.AbsolutePath);
    }

    [Theory]
    [InlineData("/account/login", "/")]
    [InlineData("/account/login?ReturnUrl=%2Fportfolio", "/portfolio")]
    [InlineData("/account/login?ReturnUrl=https%3A%2F%2Fevil.example%2F", "/")]
    public async Task Someone_signed_in_who_opens_the_sign_in_page_is_sent_on_to_a_local_page(string url, string landing)
    {
        var client = await app.SignedInClientAsync("writer", Roles.Author);

        var page = await HtmlPage.GetAsync(client, url);

        Assert.Equal(landing, page.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("localhost", page.Response.RequestMessage!.RequestUri!.Host);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_and_keeps_the_user_name()
    {
        var client = app.CreateClient();
        var login = await HtmlPage.GetAsync(client, "/account/login");

        var refused = await SignIn(client, login, "writer", "wrong");

        Assert.Contains(ChainForge.Milestones.Accounts.SignInLimits.Failed, refused.Find(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("writer", refused.Find("#Input_UserName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        await app.EnsureUserAsync("clumsy", Roles.Author);
        var client = app.CreateClient();
        var page = await HtmlPage.GetAsync(client, "/account/login");
        for (var i = 0; i < 5; i++)
            page = await SignIn(client, page, "clumsy", "wrong");

        var locked = await SignIn(client, page, "clumsy", MilestonesAppFactory.Password);

        Assert.Contains("locked", locked.Find(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_creates_an_account_with_roles()
    {
        var client = await app.SignedInClientAsync("root");
        var users = await HtmlPage.GetAsync(client, "/admin/users");

        var created = await users.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.UserName"] = "priya",
            ["Input.Password"] = MilestonesAppFactory.Password,
            ["Input.Roles"] = Roles.Reviewer,
        });

        Assert.Contains("Created priya.", created.Find(".alert-success")!.TextContent, StringComparison.Ordinal);
        var row = created.FindAll("tbody tr").Single(r => r.TextContent.Contains("priya", StringComparison.Ordinal));
        Assert.Contains("Reviewer", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(await app.SignedInClientAsync("priya"));
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_the_rule_beside_it()
    {
        var client = await app.SignedInClientAsync("root");
        var users = await HtmlPage.GetAsync(client, "/admin/users");

        var refused = await users.SubmitAsync(client, "main form", new Dictionary<string, string>
        {
            ["Input.UserName"] = "weak",
            ["Input.Password"] = "abc",
        });

        Assert.Contains("Use at least 12 characters", refused.Find("[data-valmsg-for='Input.Password']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("weak", refused.Find("#Input_UserName")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_author_may_not_manage_accounts()
    {
        var client = await app.SignedInClientAsync("writer");

        var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var client = await app.SignedInClientAsync("root");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserName"] = "sneaky", ["Input.Password"] = MilestonesAppFactory.Password });

        var response = await client.PostAsync(new Uri("/admin/users", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.SignedInClientAsync("writer");
        var home = await HtmlPage.GetAsync(client, "/");

        var after = await home.SubmitAsync(client, "form[action='/account/logout']");

        Assert.Equal("/account/login", after.Response.RequestMessage!.RequestUri!.AbsolutePath);
        var again = await HtmlPage.GetAsync(client, "/");
        Assert.Equal("/account/login", again.Response.RequestMessage!.RequestUri!.AbsolutePath);
    }
}
