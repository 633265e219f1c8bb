using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests;

/// <summary>
/// The app in process, on its own database (<see cref="TestStore"/>) built by the migrations at
/// start-up, as in production. One factory per test class (IClassFixture), so classes never share data.
/// </summary>
public sealed class MilestonesAppFactory : WebApplicationFactory<Program>
{
    public TestStore Store { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Store.Configuration)
            builder.UseSetting(key, value);
        // Every test client signs in from the same address; SignInLimitsTests sets its own.
        builder.UseSetting(SignInLimits.AttemptsPerMinuteSetting, "100000");
        // Tests arrange data straight in the database and look at the next page at once, which a
        // notification still on its way would race: DataVersionListenerTests and the tests of
        // instances in processes of their own (SeveralInstancesTests) listen.
        builder.UseSetting(DataVersionListener.Setting, "false");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The app's clock, fixed so that dates in tests are known.</summary>
    public FixedClock Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.Zero));

    /// <summary>A DbContext on the app's database, for arranging data and checking what was stored.</summary>
    public MilestonesDbContext CreateDbContext()
    {
        var scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
    }

    public const string Password = "Correct-Horse-9";

    /// <summary>Creates an account with the given roles, as an administrator would, unless it exists.</summary>
    public async Task EnsureUserAsync(string userName, params string[] roles)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        if (await users.FindByNameAsync(userName) is not null)
            return;
        var errors = await ChainForge.Milestones.Accounts.Accounts.CreateAsync(users, userName, Password, roles);
        if (errors.Count > 0)
            throw new InvalidOperationException(string.Join(" ", errors));
    }

    /// <summary>A client signed in through the real sign-in form; the account is created if needed.</summary>
    public Task<HttpClient> SignedInClientAsync(string userName, params string[] roles) =>
        SignedInClientAsync(userName, new WebApplicationFactoryClientOptions(), roles);

    public async Task<HttpClient> SignedInClientAsync(string userName, WebApplicationFactoryClientOptions options, params string[] roles)
    {
        await EnsureUserAsync(userName, roles);
        var client = CreateClient(options);
        var login = await HtmlPage.GetAsync(client, "/account/login");
        await login.SubmitAsync(client, changes: new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = Password });
        var signedIn = await HtmlPage.GetAsync(client, "/reviews");
        if (signedIn.Find("[data-signed-in-as]")?.TextContent != userName)
            throw new InvalidOperationException($"could not sign in as {userName}");
        return client;
    }

    /// <summary>A client of the HTTP API with a new token of <paramref name="userName"/> (made as the command line makes one), and no cookies.</summary>
    public async Task<HttpClient> TokenClientAsync(string userName, ChainForge.Milestones.Accounts.TokenScopes scopes, params string[] roles)
    {
        await EnsureUserAsync(userName, roles);
        using var scope = Services.CreateScope();
        var (secret, refusal) = await scope.ServiceProvider.GetRequiredService<ChainForge.Milestones.Accounts.AccountChanges>()
            .CreateTokenAsync(ChainForge.Milestones.Accounts.Actor.CommandLine, userName, $"tests {Guid.NewGuid():N}", scopes, TimeSpan.FromDays(30), TestContext.Current.CancellationToken);
        if (secret is null)
            throw new InvalidOperationException(refusal);
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private HttpClient? _author;

    /// <summary>
    /// One client, signed in once, as someone who holds every role: for tests about other things
    /// than permissions. Tests of a class share it, as they share the app.
    /// </summary>
    public async Task<HttpClient> AuthorClientAsync() =>
        _author ??= await SignedInClientAsync("ada", Roles.Author, Roles.Reviewer, Roles.Admin);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Store.DisposeAsync();
    }
}
