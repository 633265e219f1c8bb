using System.Net;
using ChainForge.Milestones.Tests.Pages;

namespace ChainForge.Milestones.Tests.Pages.Accounts;

/// <summary>A new installation: no account, no default password; the app asks for the first administrator.</summary>
public sealed class FirstRunTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task While_no_account_exists_every_page_leads_to_setup_which_creates_the_first_administrator()
    {
        var client = app.CreateClient();

        var home = await HtmlPage.GetAsync(client, "/");
        Assert.Equal("/setup", home.Response.RequestMessage!.RequestUri!.AbsolutePath);

        var mismatch = await home.SubmitAsync(client, changes: new Dictionary<string, string>
        {
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
}
