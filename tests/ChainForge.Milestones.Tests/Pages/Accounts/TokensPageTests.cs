using System.Net;
using System.Net.Http.Headers;
using ChainForge.Milestones.Accounts;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages.Accounts;

/// <summary>/account/tokens: a person makes a token (shown once), sees their tokens and revokes one.</summary>
public sealed class TokensPageTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_token_made_on_the_page_is_shown_once_works_on_the_api_and_is_revoked_there()
    {
        var client = await app.SignedInClientAsync("tess", Roles.Author);
        var page = await HtmlPage.GetAsync(client, "/account/tokens");

        var made = await page.SubmitAsync(client, "#create-token", new Dictionary<string, string> { ["Name"] = "CI of the firmware", ["Days"] = "90", ["Write"] = "true" });

        var secret = made.Find("#new-token-value")!.GetAttribute("value")!;
        Assert.StartsWith(AccessToken.Prefix, secret, StringComparison.Ordinal);
        Assert.Contains("no-store", made.Response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var row = made.Find("#tokens tbody tr")!;
        Assert.Contains("read, write", row.TextContent, StringComparison.Ordinal);
        Assert.Null((await HtmlPage.GetAsync(client, "/account/tokens")).Find("#new-token"));
        var api = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/milestones", UriKind.Relative), Cancel)).StatusCode);

        var listed = await HtmlPage.GetAsync(client, "/account/tokens");
        var revoked = await listed.SubmitAsync(client, "#tokens tbody tr form", submitterSelector: "#tokens tbody tr form button[name='token']");

        Assert.Contains("revoked", revoked.Find("#tokens tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Revoked the token", revoked.Find("#message.alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/milestones", UriKind.Relative), Cancel)).StatusCode);
        // Revoking it again, from the page as it was before: said, not silently ignored.
        var again = await listed.SubmitAsync(client, "#tokens tbody tr form", submitterSelector: "#tokens tbody tr form button[name='token']");
        Assert.Contains("revoked already", again.Find("#message.alert-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reviewer_is_offered_read_and_review_and_an_unnamed_token_is_refused()
    {
        var client = await app.SignedInClientAsync("rhea", Roles.Reviewer);
        var page = await HtmlPage.GetAsync(client, "/account/tokens");

        Assert.Null(page.Find("#create-token input[name='Write']"));
        Assert.NotNull(page.Find("#create-token input[name='Review']"));
        var refused = await page.SubmitAsync(client, "#create-token", new Dictionary<string, string> { ["Name"] = " " });
        Assert.Contains("Name the token", refused.Find("#token-refused")!.TextContent, StringComparison.Ordinal);
        // Posting the scope the form does not offer changes nothing.
        var forged = await page.SubmitAsync(client, "#create-token", new Dictionary<string, string> { ["Name"] = "forged", ["Write"] = "true" });
        Assert.Contains("not an Author", forged.Find("#token-refused")!.TextContent, StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal(0, await db.AccessTokens.CountAsync(t => t.UserName == "rhea", Cancel));
    }

    [Fact]
    public async Task Nobody_revokes_another_persons_token_but_an_administrator()
    {
        await app.EnsureUserAsync("owner", Roles.Author);
        long id;
        using (var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceScopeFactory>(app.Services).CreateScope())
        {
            var accounts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<AccountChanges>(scope.ServiceProvider);
            Assert.NotNull((await accounts.CreateTokenAsync(Actor.CommandLine, "owner", "theirs", TokenScopes.Read, TimeSpan.FromDays(7), Cancel)).Secret);
            await using var db = app.CreateDbContext();
            id = await db.AccessTokens.Where(t => t.UserName == "owner").Select(t => t.Id).SingleAsync(Cancel);
            Assert.False(await accounts.RevokeTokenAsync(new Actor("mallory", new HashSet<string>([Roles.Author]), ChainForge.Milestones.Audit.Channel.Web), id, Cancel));
            Assert.True(await accounts.RevokeTokenAsync(new Actor("root", new HashSet<string>([Roles.Admin]), ChainForge.Milestones.Audit.Channel.Web), id, Cancel));
        }
        await using var read = app.CreateDbContext();
        Assert.Equal("root", (await read.AccessTokens.SingleAsync(t => t.Id == id, Cancel)).RevokedBy);
        Assert.Contains(await read.AuditEvents.Where(a => a.Account == "owner").Select(a => a.Action).ToListAsync(Cancel), a => a == ChainForge.Milestones.Audit.AuditAction.TokenRevoked);
    }

    [Fact]
    public async Task An_administrator_sees_an_accounts_tokens_on_its_page_and_revokes_one()
    {
        var owner = await app.SignedInClientAsync("olga", Roles.Author);
        await (await HtmlPage.GetAsync(owner, "/account/tokens")).SubmitAsync(owner, "#create-token", new Dictionary<string, string> { ["Name"] = "leaked" });
        var admin = await app.SignedInClientAsync("root", Roles.Admin);

        var page = await HtmlPage.GetAsync(admin, "/admin/users/olga");
        Assert.Contains("leaked", page.Find("#tokens tbody tr")!.TextContent, StringComparison.Ordinal);
        var revoked = await page.SubmitAsync(admin, "#tokens tbody tr form", submitterSelector: "#tokens tbody tr form button[name='token']");

        Assert.Contains("revoked", revoked.Find("#tokens tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("by root", (await HtmlPage.GetAsync(owner, "/account/tokens")).Find("#tokens tbody tr")!.TextContent, StringComparison.Ordinal);
    }
}
