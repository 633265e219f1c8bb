using AngleSharp.Html.Dom;
using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task A_password_reset_says_it_ended_a_lockout_only_when_there_was_one()
    {
        await app.EnsureUserAsync("lena", Roles.Author);
        // The class's one administrator: another would spoil the last-administrator test.
        var admin = await app.SignedInClientAsync("solo", Roles.Admin, Roles.Author);
        var password = new Dictionary<string, string> { ["NewPassword"] = "Quiet-Harbour-Lantern-42" };

        var reset = await (await HtmlPage.GetAsync(admin, "/admin/users/lena")).SubmitAsync(admin, "form[action$='handler=Password']", password);
        Assert.Equal("lena has a new password.", reset.Find("#message.alert-success")!.TextContent.Trim());

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("lena"))!, DateTimeOffset.UtcNow.AddHours(1));
        }
        var unlocked = await (await HtmlPage.GetAsync(admin, "/admin/users/lena")).SubmitAsync(admin, "form[action$='handler=Password']", password);
        Assert.Equal("lena has a new password and is no longer locked out.", unlocked.Find("#message.alert-success")!.TextContent.Trim());
    }
}
