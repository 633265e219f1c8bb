using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Pages.Accounts;

/// <summary>
/// Every page and every handler of the app, for every kind of visitor, enforced on the server.
/// The table lists them all: a page or handler that is not in it fails the first test, so a
/// new page cannot arrive without a rule.
/// </summary>
public sealed class PermissionMatrixTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>, IAsyncLifetime
{
    /// <summary>What a visitor gets: let in, sent to sign in, or refused for want of a role.</summary>
    public enum Access { Allowed, SignIn, Denied }

    private const Access A = Access.Allowed, L = Access.SignIn, D = Access.Denied;

    /// <summary>(page route, verb, handler) → (anonymous, author, reviewer, admin); the URL to call it by.</summary>
    private static readonly (string Route, string Verb, string Handler, string Url, Access Anonymous, Access Author, Access Reviewer, Access Admin)[] Rules =
    [
        ("", "GET", "", "/", L, A, A, A),
        ("Index", "GET", "", "/Index", L, A, A, A),
        ("Error", "GET", "", "/Error", A, A, A, A),
        ("account/login", "GET", "", "/account/login", A, A, A, A),
        ("account/login", "POST", "", "/account/login", A, A, A, A),
        ("account/logout", "GET", "", "/account/logout", A, A, A, A),
        ("account/logout", "POST", "", "/account/logout", A, A, A, A),
        ("account/access-denied", "GET", "", "/account/access-denied", A, A, A, A),
        // Single sign-on is not configured here: both answer 404 to everyone (SingleSignOnTests signs in through a provider).
        ("account/single-sign-on", "POST", "", "/account/single-sign-on", A, A, A, A),
        ("account/single-sign-on", "GET", "Back", "/account/single-sign-on?handler=Back", A, A, A, A),
        ("account/password", "GET", "", "/account/password", L, A, A, A),
        ("account/password", "POST", "", "/account/password", L, A, A, A),
        // The HTTP API takes tokens only: a cookie, or nothing, gets a 401 (MilestonesApiTests signs in with tokens).
        ("openapi/{documentName}.json", "GET", "", "/openapi/v1.json", A, A, A, A),
        ("api", "GET", "", "/api", A, A, A, A),
        ("api/v1/milestones", "GET", "", "/api/v1/milestones", D, D, D, D),
        ("api/v1/milestones", "POST", "", "/api/v1/milestones", D, D, D, D),
        ("api/v1/milestones/{id}", "GET", "", "/api/v1/milestones/M-007", D, D, D, D),
        ("api/v1/milestones/{id}", "PUT", "", "/api/v1/milestones/M-007", D, D, D, D),
        ("api/v1/milestones/{id}", "DELETE", "", "/api/v1/milestones/M-008", D, D, D, D),
        ("api/v1/milestones/{id}/revisions", "GET", "", "/api/v1/milestones/M-007/revisions", D, D, D, D),
        ("api/v1/milestones/{id}/revisions/{number:int}", "GET", "", "/api/v1/milestones/M-007/revisions/1", D, D, D, D),
        ("api/v1/milestones/{id}/diff", "GET", "", "/api/v1/milestones/M-007/diff?from=1&to=2", D, D, D, D),
        ("api/v1/milestones/{id}/reviews/{kind}", "POST", "", "/api/v1/milestones/M-007/reviews/technical", D, D, D, D),
        ("api/v1/portfolio", "GET", "", "/api/v1/portfolio", D, D, D, D),
        ("api/v1/push", "POST", "", "/api/v1/push", D, D, D, D),
        ("api/v1/dependencies", "GET", "", "/api/v1/dependencies", D, D, D, D),
        ("api/v1/approvals", "GET", "", "/api/v1/approvals", D, D, D, D),
        // A public key is public: a repository's CI keeps a copy without a token.
        ("api/v1/approvals/public-key", "GET", "", "/api/v1/approvals/public-key", A, A, A, A),
        ("account/tokens", "GET", "", "/account/tokens", L, A, A, A),
        ("account/tokens", "POST", "Create", "/account/tokens?handler=Create", L, A, A, A),
        ("account/tokens", "POST", "Revoke", "/account/tokens?handler=Revoke", L, A, A, A),
        ("setup", "GET", "", "/setup", A, A, A, A),
        ("setup", "POST", "", "/setup", A, A, A, A),
        ("admin/users", "GET", "", "/admin/users", L, D, D, A),
        ("admin/users", "POST", "", "/admin/users", L, D, D, A),
        ("admin/users/{name}", "GET", "", "/admin/users/admin", L, D, D, A),
        ("admin/users/{name}", "POST", "Roles", "/admin/users/bystander?handler=Roles", L, D, D, A),
        ("admin/users/{name}", "POST", "Password", "/admin/users/admin?handler=Password", L, D, D, A),
        ("admin/users/{name}", "POST", "Revoke", "/admin/users/admin?handler=Revoke", L, D, D, A),
        ("admin/archive", "GET", "", "/admin/archive", L, D, D, A),
        ("admin/archive", "POST", "BringBack", "/admin/archive?handler=BringBack&id=M-404", L, D, D, A),
        ("admin/archive", "POST", "Purge", "/admin/archive?handler=Purge&id=M-404", L, D, D, A),
        ("admin/audit", "GET", "", "/admin/audit", L, D, D, A),
        ("admin/webhooks", "GET", "", "/admin/webhooks", L, D, D, A),
        ("admin/webhooks", "POST", "", "/admin/webhooks", L, D, D, A),
        ("admin/webhooks/{id:long}", "GET", "", "/admin/webhooks/1", L, D, D, A),
        ("admin/webhooks/{id:long}", "POST", "", "/admin/webhooks/1", L, D, D, A),
        ("admin/webhooks/{id:long}", "POST", "Replay", "/admin/webhooks/1?handler=Replay&delivery=1", L, D, D, A),
        ("admin/webhooks/{id:long}", "POST", "Remove", "/admin/webhooks/1?handler=Remove", L, D, D, A),
        ("admin/settings", "GET", "", "/admin/settings", L, D, D, A),
        ("admin/settings", "POST", "", "/admin/settings", L, D, D, A),
        ("reviews", "GET", "", "/reviews", L, A, A, A),
        ("notifications", "GET", "", "/notifications", L, A, A, A),
        ("notifications", "POST", "Read", "/notifications?handler=Read", L, A, A, A),
        ("milestones/{id}/review", "GET", "", "/milestones/M-007/review", L, D, A, D),
        ("milestones/{id}/review", "POST", "", "/milestones/M-007/review", L, D, A, D),
        ("milestones/{id}/review", "POST", "Comment", "/milestones/M-007/review?handler=Comment", L, D, A, D),
        ("milestones/{id}/comments", "GET", "", "/milestones/M-007/comments", L, A, D, D),
        ("milestones/{id}/comments", "POST", "Resolve", "/milestones/M-007/comments?handler=Resolve&commentId=999", L, A, D, D),
        ("status/{code:int}", "GET", "", "/status/404", A, A, A, A),
        ("milestones/{id}", "GET", "", "/milestones/M-007", L, A, A, A),
        ("milestones/{id}/export", "GET", "", "/milestones/M-007/export", L, A, D, D),
        ("milestones/export", "GET", "", "/milestones/export", L, A, D, D),
        ("milestones/import", "GET", "", "/milestones/import", L, A, D, D),
        ("milestones/import", "POST", "Preview", "/milestones/import?handler=Preview", L, A, D, D),
        ("milestones/import", "POST", "Confirm", "/milestones/import?handler=Confirm", L, A, D, D),
        ("milestones/import", "POST", "Remove", "/milestones/import?handler=Remove", L, A, D, D),
        ("milestones/{id}/archive", "GET", "", "/milestones/M-008/archive", L, A, D, D),
        ("milestones/{id}/archive", "POST", "", "/milestones/M-008/archive", L, A, D, D),
        ("milestones/{id}/request-review", "GET", "", "/milestones/M-007/request-review", L, A, D, D),
        ("milestones/{id}/request-review", "POST", "", "/milestones/M-007/request-review", L, A, D, D),
        ("milestones/{id}/tick", "GET", "", "/milestones/M-007/tick", L, A, D, D),
        ("milestones/{id}/tick", "POST", "", "/milestones/M-007/tick", L, A, D, D),
        ("milestones/new", "GET", "", "/milestones/new", L, A, D, D),
        ("milestones/new", "POST", "", "/milestones/new", L, A, D, D),
        ("milestones/new", "POST", "List", "/milestones/new?handler=List", L, A, D, D),
        ("milestones/new", "POST", "Preview", "/milestones/new?handler=Preview", L, A, D, D),
        ("milestones/{id}/edit", "GET", "", "/milestones/M-007/edit", L, A, D, D),
        ("milestones/{id}/edit", "POST", "", "/milestones/M-007/edit", L, A, D, D),
        ("milestones/{id}/edit", "POST", "List", "/milestones/M-007/edit?handler=List", L, A, D, D),
        ("milestones/{id}/edit", "POST", "Preview", "/milestones/M-007/edit?handler=Preview", L, A, D, D),
        ("milestones/{id}/history", "GET", "", "/milestones/M-007/history", L, A, A, A),
        ("milestones/{id}/history/diff", "GET", "", "/milestones/M-007/history/diff?from=1&to=1", L, A, A, A),
        ("milestones/{id}/history/{number:int}/restore", "GET", "", "/milestones/M-007/history/1/restore", L, A, D, D),
        ("milestones/{id}/history/{number:int}/restore", "POST", "", "/milestones/M-007/history/1/restore", L, A, D, D),
        ("portfolio", "GET", "", "/portfolio", L, A, A, A),
        ("portfolio/risks", "GET", "", "/portfolio/risks?probability=HIGH&impact=HIGH", L, A, A, A),
        ("dependencies", "GET", "", "/dependencies", L, A, A, A),
    ];

    private static readonly string[] Seeded = ["M-007", "M-008"];

    private static readonly string[] Visitors = ["anonymous", "author", "reviewer", "admin"];

    public async ValueTask InitializeAsync()
    {
        await app.EnsureUserAsync("author", Roles.Author);
        await app.EnsureUserAsync("reviewer", Roles.Reviewer);
        await app.EnsureUserAsync("admin", Roles.Admin);
        // Whose roles the administrator's post changes: a role change ends that account's sessions.
        await app.EnsureUserAsync("bystander", Roles.Author);
        await using var db = app.CreateDbContext();
        if (!db.Milestones.Any())
        {
            // M-008 is there to be archived.
            var files = Seeded.Select(id => new MilestoneFile($"{id}.md", Encoding.UTF8.GetBytes(Fixture.Example.Replace("M-007", id, StringComparison.Ordinal))));
            await Actors.AcceptingImportAsync(db, files, "author", app.Clock, TestContext.Current.CancellationToken);
            // A second revision, so that the history offers a restore.
            var retitled = new MilestoneFile("M-007.md", Encoding.UTF8.GetBytes(Fixture.Example.Replace("Block Propagation Protocol", "Block Propagation Protocol, retitled", StringComparison.Ordinal)));
            await using var again = app.CreateDbContext();
            await Actors.AcceptingImportAsync(again, [retitled], "author", app.Clock, TestContext.Current.CancellationToken);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Every_page_and_handler_of_the_app_has_a_rule()
    {
        var endpoints = await AppHandlersAsync();

        var ruled = Rules.Select(r => (r.Route, r.Verb, r.Handler)).ToHashSet();
        Assert.Equal([], endpoints.Except(ruled).Select(e => $"{e.Item2} /{e.Item1} {e.Item3}"));
        Assert.Equal([], ruled.Except(endpoints).Select(e => $"{e.Item2} /{e.Item1} {e.Item3}"));
    }

    public static TheoryData<string, string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, string, int>();
        for (var i = 0; i < Rules.Length; i++)
        {
            foreach (var visitor in Visitors)
                cases.Add(Rules[i].Verb, Rules[i].Url, visitor, i);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_visitor_gets_what_the_rule_says(string verb, string url, string visitor, int rule)
    {
        var expected = visitor switch
        {
            "anonymous" => Rules[rule].Anonymous,
            "author" => Rules[rule].Author,
            "reviewer" => Rules[rule].Reviewer,
            _ => Rules[rule].Admin,
        };
        // Signing out ends the session: that case gets one of its own.
        var client = verb == "POST" && url == "/account/logout" ? await LeavingClientAsync(visitor) : await ClientAsync(visitor);

        using var request = new HttpRequestMessage(new HttpMethod(verb), url);
        if (verb == "POST")
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = await TokenAsync(client, visitor) });
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        var location = response.Headers.Location?.OriginalString ?? "";
        var actual = response.StatusCode switch
        {
            HttpStatusCode.Redirect when location.Contains("/account/login", StringComparison.Ordinal) && !url.StartsWith("/account/log", StringComparison.Ordinal) && !url.StartsWith("/setup", StringComparison.Ordinal) => Access.SignIn,
            HttpStatusCode.Redirect when location.Contains("/account/access-denied", StringComparison.Ordinal) => Access.Denied,
            HttpStatusCode.Forbidden when !url.StartsWith("/account/access-denied", StringComparison.Ordinal) => Access.Denied,
            HttpStatusCode.Unauthorized => Access.Denied,
            _ => Access.Allowed,
        };
        Assert.True(expected == actual, $"{verb} {url} as {visitor}: expected {expected}, got {(int)response.StatusCode} {location}");
        Assert.True((int)response.StatusCode < 500, $"{verb} {url} as {visitor}: {(int)response.StatusCode}");
        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>
    /// A link the app shows leads somewhere its visitor may go: every page a visitor may open is
    /// read, and each of its links within the app followed, and none answers "Not allowed".
    /// </summary>
    [Theory]
    [InlineData("author")]
    [InlineData("reviewer")]
    [InlineData("admin")]
    public async Task No_page_offers_a_link_that_its_visitor_may_not_follow(string visitor)
    {
        var client = await ClientAsync(visitor);
        var pages = Rules
            .Where(r => r.Verb == "GET" && !r.Url.StartsWith("/account/log", StringComparison.Ordinal)
                && (visitor == "author" ? r.Author : visitor == "reviewer" ? r.Reviewer : r.Admin) == A)
            .Select(r => r.Url);
        var refused = new List<string>();
        var followed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in pages)
        {
            var page = await HtmlPage.GetAsync(client, url);
            foreach (var link in page.FindAll("a[href^='/']"))
            {
                var href = link.GetAttribute("href")!.Split('#')[0];
                if (href.Length == 0 || href.StartsWith("/account/logout", StringComparison.Ordinal) || !followed.Add(href))
                    continue;
                var response = await client.GetAsync(new Uri(href, UriKind.Relative), TestContext.Current.CancellationToken);
                var location = response.Headers.Location?.OriginalString ?? "";
                if (response.StatusCode == HttpStatusCode.Forbidden || location.Contains("/account/access-denied", StringComparison.Ordinal))
                    refused.Add($"{href} (\"{link.TextContent.Trim()}\" on {url})");
            }
        }
        Assert.True(followed.Count > 20, $"only {followed.Count} links were followed");
        Assert.True(refused.Count == 0, "links to \"Not allowed\":\n" + string.Join("\n", refused));
    }

    // One signed-in session per visitor for the whole class: signing in is the slow part.
    private static readonly ConditionalWeakTable<MilestonesAppFactory, Dictionary<string, HttpClient>> Sessions = [];

    private async Task<HttpClient> ClientAsync(string visitor)
    {
        var sessions = Sessions.GetOrCreateValue(app);
        if (!sessions.TryGetValue(visitor, out var client))
            sessions[visitor] = client = await NewClientAsync(visitor);
        return client;
    }

    /// <summary>
    /// Someone with the visitor's roles who signs out: signing out ends every session of its
    /// account, so it must not be the account the other cases share.
    /// </summary>
    private async Task<HttpClient> LeavingClientAsync(string visitor)
    {
        if (visitor == "anonymous")
            return await NewClientAsync(visitor);
        var roles = visitor switch { "author" => Roles.Author, "reviewer" => Roles.Reviewer, _ => Roles.Admin };
        return await app.SignedInClientAsync($"{visitor}-leaving-{Guid.NewGuid():N}", new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }, roles);
    }

    private async Task<HttpClient> NewClientAsync(string visitor) => visitor == "anonymous"
        ? app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false })
        : await app.SignedInClientAsync(visitor, new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>An antiforgery token for this visitor, from a form the app gave them.</summary>
    private static async Task<string> TokenAsync(HttpClient client, string visitor)
    {
        var page = await HtmlPage.GetAsync(client, visitor == "anonymous" ? "/account/login" : "/reviews");
        return page.Find("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
    }

    /// <summary>
    /// Every endpoint the app routes to, from its own endpoint data source, as (route, verb,
    /// handler name): each Razor page with each of its handlers, and any other endpoint (a
    /// minimal API, a future API route) with each verb it answers.
    /// </summary>
    private async Task<HashSet<(string, string, string)>> AppHandlersAsync()
    {
        var loader = app.Services.GetRequiredService<PageLoader>();
        var endpoints = app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>();
        var handlers = new HashSet<(string, string, string)>();
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor)
            {
                foreach (var verb in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
                    handlers.Add((route, verb, ""));
                continue;
            }
            var page = await loader.LoadAsync(descriptor, Microsoft.AspNetCore.Http.EndpointMetadataCollection.Empty);
            route = descriptor.AttributeRouteInfo?.Template ?? "";
            foreach (var handler in page.HandlerMethods)
                handlers.Add((route, handler.HttpMethod.ToUpperInvariant(), handler.Name ?? ""));
            // A page without a model still answers GET.
            if (page.HandlerMethods.Count == 0)
                handlers.Add((route, "GET", ""));
        }
        return handlers;
    }

    public static TheoryData<int> PostRules()
    {
        var cases = new TheoryData<int>();
        for (var i = 0; i < Rules.Length; i++)
        {
            // The API takes no cookie, so it needs no antiforgery token (MilestonesApiTests).
            if (Rules[i].Verb == "POST" && !Rules[i].Route.StartsWith("api/", StringComparison.Ordinal))
                cases.Add(i);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(PostRules))]
    public async Task A_post_without_the_antiforgery_token_is_refused_even_for_who_may_make_it(int rule)
    {
        var (_, _, _, url, anonymous, author, reviewer, admin) = Rules[rule];
        var visitor = anonymous == A ? "anonymous" : author == A ? "author" : reviewer == A ? "reviewer" : "admin";
        var client = url == "/account/logout" ? await LeavingClientAsync(visitor) : await ClientAsync(visitor);

        using var empty = new FormUrlEncodedContent([]);
        var response = await client.PostAsync(new Uri(url, UriKind.Relative), empty, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} as {visitor} without a token: {(int)response.StatusCode}");
    }
}
