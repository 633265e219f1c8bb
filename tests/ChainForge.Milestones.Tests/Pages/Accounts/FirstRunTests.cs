using System.Net;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Pages.Accounts;

/// <summary>
/// A new installation: no account, no default password; the app asks for the first administrator,
/// who must give the setup code from the server's log.
/// </summary>
public sealed class FirstRunTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private async Task<string> SetupCodeAsync()
    {
        await using var db = app.CreateDbContext();
        return (await FirstRunSetup.SetupCodeAsync(db, TestContext.Current.CancellationToken))!;
    }

    [Fact]
    public async Task While_no_account_exists_every_page_leads_to_setup_which_creates_the_first_administrator()
    {
        var client = app.CreateClient();

        var home = await HtmlPage.GetAsync(client, "/");
        Assert.Equal("/setup", home.Response.RequestMessage!.RequestUri!.AbsolutePath);

        var wrongCode = await home.SubmitAsync(client, changes: new Dictionary<string, string>
        {
            ["Input.SetupCode"] = "AAAA-BBBB-CCCC-DDDD",
            ["Input.UserName"] = "root",
            ["Input.Password"] = MilestonesAppFactory.Password,
            ["Input.ConfirmPassword"] = MilestonesAppFactory.Password,
        });
        Assert.Contains("not this server's setup code", wrongCode.Find("[data-valmsg-for='Input.SetupCode']")!.TextContent, StringComparison.Ordinal);

        var mismatch = await wrongCode.SubmitAsync(client, changes: new Dictionary<string, string>
        {
            ["Input.SetupCode"] = (await SetupCodeAsync()).ToLowerInvariant(),
            ["Input.UserName"] = "root",
            ["Input.Password"] = MilestonesAppFactory.Password,
            ["Input.ConfirmPassword"] = "something else",
        });
        Assert.Equal("The two passwords differ.", mismatch.Find("[data-valmsg-for='Input.ConfirmPassword']")!.TextContent.Trim());
        Assert.Equal("root", mismatch.Find("#Input_UserName")!.GetAttribute("value"));

        var done = await mismatch.SubmitAsync(client, changes: new Dictionary<string, string>
        {
            ["Input.Password"] = MilestonesAppFactory.Password,
            ["Input.ConfirmPassword"] = MilestonesAppFactory.Password,
        });
        Assert.Equal("/", done.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("root", done.Find("[data-signed-in-as]")!.TextContent);
        Assert.NotNull(done.Find("a[href='/admin/users']"));

        var again = await HtmlPage.GetAsync(app.CreateClient(), "/setup");
        Assert.Equal("/account/login", again.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, again.Response.StatusCode);
    }

    [Fact]
    public async Task Two_people_setting_up_at_once_make_one_administrator()
    {
        await using var factory = new MilestonesAppFactory();
        _ = factory.Server;
        string code;
        await using (var db = factory.CreateDbContext())
            code = (await FirstRunSetup.SetupCodeAsync(db, TestContext.Current.CancellationToken))!;

        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<AccountChanges>()
                .CreateFirstAdministratorAsync(code, $"first-{i}", MilestonesAppFactory.Password, [Roles.Author], TestContext.Current.CancellationToken);
        }));

        Assert.Single(attempts, errors => errors.Count == 0);
        Assert.All(attempts.Where(e => e.Count > 0), errors => Assert.Equal([AccountChanges.AlreadySetUp], errors));
        using var check = factory.Services.CreateScope();
        Assert.Single(await check.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().GetUsersInRoleAsync(Roles.Admin));
    }
}
