using AngleSharp.Html.Dom;
using ChainForge.Milestones.Accounts;

namespace ChainForge.Milestones.Tests.Pages.Admin;

public sealed class UserPageTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task Refusing_to_remove_the_last_admin_shows_the_roles_as_stored()
    {
        var client = await app.SignedInClientAsync("solo", Roles.Admin, Roles.Author);
        var page = await HtmlPage.GetAsync(client, "/admin/users/solo");
        ((IHtmlInputElement)page.Find("#role-Admin")!).IsChecked = false;
        ((IHtmlInputElement)page.Find("#role-Author")!).IsChecked = false;

        var refused = await page.SubmitAsync(client, "form[action$='handler=Roles']");

        Assert.Contains("last administrator", refused.Find("[data-valmsg-for=SelectedRoles]")!.TextContent, StringComparison.Ordinal);
        Assert.True(((IHtmlInputElement)refused.Find("#role-Admin")!).IsChecked);
        Assert.True(((IHtmlInputElement)refused.Find("#role-Author")!).IsChecked);
    }
}
