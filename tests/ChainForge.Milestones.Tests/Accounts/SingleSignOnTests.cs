using System.Net;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Tests.Hosting;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Accounts;

/// <summary>
/// Sign-in through a real OpenID Connect provider (OpenIddict, TestIdentityProvider.cs), with
/// the app in its own process as an operator runs it, a browser's redirects followed throughout.
/// </summary>
public sealed class SingleSignOnTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-sso-").FullName;
    private readonly TestStore _store = new();
    private TestIdentityProvider _provider = null!;
    private AppProcess _app = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store.WriteAppSettings(_folder);
        // An instance past its first run: its administrator is a local account.
        var error = new StringWriter();
        Assert.True(await CommandLine.RunAsync(["user", "create", "ana", "--role", "Admin", "--password", MilestonesAppFactory.Password, "--keep-password"], TextReader.Null, TextWriter.Null, error, _folder, _folder) == 0, error.ToString());
        var port = AppProcess.FreePort();
        _provider = await TestIdentityProvider.StartAsync(new Uri($"http://127.0.0.1:{port}"));
        var configuration = new Dictionary<string, string>(_store.Configuration)
        {
            [$"{SingleSignOn.Section}:Authority"] = _provider.Authority,
            [$"{SingleSignOn.Section}:ClientId"] = TestIdentityProvider.ClientId,
            [$"{SingleSignOn.Section}:ClientSecret"] = TestIdentityProvider.ClientSecret,
            [$"{SingleSignOn.Section}:DisplayName"] = "ChainForge ID",
            [$"{SingleSignOn.Section}:RequireHttpsMetadata"] = "false",
            [$"{SingleSignOn.Section}:RoleClaim"] = "groups",
            [$"{SingleSignOn.Section}:RoleMapping:Author"] = "engineers",
            [$"{SingleSignOn.Section}:RoleMapping:Reviewer"] = "tech-leads",
        };
        _app = await AppProcess.StartAsync(configuration, _folder, port);
    }

    /// <summary>A new browser: presses "Sign in with …" and follows every redirect; returns the page it lands on.</summary>
    private async Task<(HttpClient Browser, HtmlPage Landed)> SignInThroughTheProviderAsync()
    {
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _app.Address };
        var login = await HtmlPage.GetAsync(browser, "/account/login");
        Assert.Equal("Sign in with ChainForge ID", login.Find("#single-sign-on button")!.TextContent);
        var landed = await login.SubmitAsync(browser, "#single-sign-on");
        return (browser, landed);
    }

    private async Task<(string Name, IList<string> Roles)?> AccountLinkedToAsync(string subject)
    {
        await using var services = new ServiceCollection().AddLogging().AddMilestonesDatabase(_store.Settings).AddAccounts().BuildServiceProvider();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        return await users.FindByLoginAsync(SingleSignOn.Scheme, subject) is { } user ? (user.UserName!, await users.GetRolesAsync(user)) : null;
    }

    [Fact]
    public async Task The_first_sign_in_makes_an_account_linked_to_the_subject_with_roles_from_the_claim_and_later_ones_keep_them_current()
    {
        _provider.Person = ("subject-42", "grace", ["engineers", "tech-leads", "unrelated"]);

        var (browser, landed) = await SignInThroughTheProviderAsync();

        Assert.Equal(HttpStatusCode.OK, landed.Response.StatusCode);
        Assert.Equal("grace", landed.Find("[data-signed-in-as]")?.TextContent);
        var account = (await AccountLinkedToAsync("subject-42"))!.Value;
        Assert.Equal("grace", account.Name);
        Assert.Equal([Roles.Author, Roles.Reviewer], account.Roles.Order());
        Assert.Equal("grace", (await HtmlPage.GetAsync(browser, "/reviews")).Find("[data-signed-in-as]")?.TextContent);

        // The provider renames her and takes a group away: the same account, the roles it gives now.
        _provider.Person = ("subject-42", "grace.h", ["engineers"]);
        var (_, again) = await SignInThroughTheProviderAsync();

        Assert.Equal("grace", again.Find("[data-signed-in-as]")?.TextContent);
        Assert.Equal([Roles.Author], (await AccountLinkedToAsync("subject-42"))!.Value.Roles);
    }

    [Fact]
    public async Task A_provider_user_with_a_local_accounts_name_gets_an_account_of_their_own()
    {
        _provider.Person = ("subject-7", "ana", []);

        var (_, landed) = await SignInThroughTheProviderAsync();

        Assert.Equal("ana-2", landed.Find("[data-signed-in-as]")?.TextContent);
        var account = (await AccountLinkedToAsync("subject-7"))!.Value;
        Assert.Equal("ana-2", account.Name);
        Assert.Empty(account.Roles);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        if (_provider is not null)
            await _provider.DisposeAsync();
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
