using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;

namespace ChainForge.Milestones.Tests.Pages.Admin;

/// <summary>The audit log: accounts, roles, settings and milestones, filtered and paged.</summary>
public sealed class AuditTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task Creating_an_account_changing_its_roles_and_the_team_settings_are_each_logged()
    {
        var admin = await app.AuthorClientAsync();
        var users = await HtmlPage.GetAsync(admin, "/admin/users");
        await users.SubmitAsync(admin, "main form", new Dictionary<string, string>
        {
            ["Input.UserName"] = "vera",
            ["Input.Password"] = MilestonesAppFactory.Password,
        });
        var user = await HtmlPage.GetAsync(admin, "/admin/users/vera");
        await user.SubmitAsync(admin, "form[action$='handler=Roles']", new Dictionary<string, string> { ["SelectedRoles"] = Roles.Reviewer });
        var settings = await HtmlPage.GetAsync(admin, "/admin/settings");
        await settings.SubmitAsync(admin, "main form", new Dictionary<string, string> { ["AllowSelfReview"] = "true" });

        var log = await HtmlPage.GetAsync(admin, "/admin/audit?person=vera");
        var rows = log.FindAll("#audit tbody tr").Select(r => (r.GetAttribute("data-action"), r.TextContent)).ToList();
        Assert.Equal([nameof(AuditAction.RolesChanged), nameof(AuditAction.AccountCreated)], rows.Select(r => r.Item1));
        Assert.Contains("roles: Author → Reviewer", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("ada", rows[0].TextContent, StringComparison.Ordinal);
        var settingsLog = await HtmlPage.GetAsync(admin, $"/admin/audit?kind={nameof(AuditAction.TeamSettingsChanged)}");
        Assert.Contains("self-review allowed", settingsLog.Find("#audit tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_is_paged_from_the_newest()
    {
        await using (var db = app.CreateDbContext())
        {
            for (var i = 0; i < ChainForge.Milestones.Pages.Admin.AuditModel.PageSize + 5; i++)
                AuditLog.Add(db, Actors.Author("paula"), AuditAction.MilestoneEdited, app.Clock.Now, $"edit {i}", "M-700");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var admin = await app.AuthorClientAsync();

        var first = await HtmlPage.GetAsync(admin, "/admin/audit?person=paula");
        var older = await HtmlPage.GetAsync(admin, first.Find("#older")!.GetAttribute("href")!);

        Assert.Equal(ChainForge.Milestones.Pages.Admin.AuditModel.PageSize, first.FindAll("#audit tbody tr").Count);
        Assert.Contains("edit 54", first.Find("#audit tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, older.FindAll("#audit tbody tr").Count);
        Assert.Contains("edit 4", older.Find("#audit tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Null(older.Find("#older"));
    }
}
