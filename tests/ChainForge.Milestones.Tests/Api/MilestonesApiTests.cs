using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Api;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Api;

/// <summary>The HTTP API with personal access tokens: reads with ETags, writes with If-Match, Problem Details.</summary>
public sealed class MilestonesApiTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private Task<HttpClient> TokenClientAsync(string userName, TokenScopes scopes, params string[] roles) => app.TokenClientAsync(userName, scopes, roles);

    private static StringContent File(string markdown) => new(markdown, Encoding.UTF8, "text/markdown");

    private static async Task<HttpResponseMessage> GetMarkdownAsync(HttpClient client, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/milestones/{id}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        return await client.SendAsync(request, Cancel);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string id, string markdown, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/milestones/{id}") { Content = File(markdown) };
        if (etag is not null)
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await client.SendAsync(request, Cancel);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancel)).RootElement;
    }

    [Fact]
    public async Task A_milestone_is_read_as_json_or_as_its_file_with_its_version_as_etag()
    {
        await app.StoreAsync(Arrange.Named("A-001", "Read by a token"));
        var client = await TokenClientAsync("reader", TokenScopes.Read, Roles.Author);

        var json = await client.GetAsync(new Uri("/api/v1/milestones/A-001", UriKind.Relative), Cancel);
        var file = await GetMarkdownAsync(client, "A-001");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var stored = JsonDocument.Parse(await json.Content.ReadAsStringAsync(Cancel)).RootElement;
        Assert.Equal("Read by a token", stored.GetProperty("title").GetString());
        await using var db = app.CreateDbContext();
        var milestone = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "A-001", Cancel);
        Assert.Equal(MilestonesApi.ETag(milestone.Version), json.Headers.ETag?.ToString());
        Assert.Equal("text/markdown", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(MarkdownExporter.Export(milestone), await file.Content.ReadAsStringAsync(Cancel));
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/milestones/A-001");
        again.Headers.TryAddWithoutValidation("If-None-Match", json.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again, Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_list_filters_and_pages_as_the_list_page_does()
    {
        await app.StoreAsync(Arrange.Named("A-010", "Listed kittiwake"), Arrange.Named("A-011", "Another"));
        var client = await TokenClientAsync("reader", TokenScopes.Read, Roles.Author);

        var found = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/milestones?q=kittiwake", UriKind.Relative), Cancel)).RootElement;

        Assert.Equal(1, found.GetProperty("total").GetInt32());
        Assert.Equal("A-010", found.GetProperty("milestones")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_replace_with_the_etag_is_saved_through_the_write_path_and_a_stale_one_is_refused_with_412()
    {
        await app.StoreAsync(Arrange.Named("A-020", "Before"));
        var writer = await TokenClientAsync("writer", TokenScopes.Read | TokenScopes.Write, Roles.Author);
        var read = await GetMarkdownAsync(writer, "A-020");
        var etag = read.Headers.ETag!.ToString();
        var markdown = await read.Content.ReadAsStringAsync(Cancel);

        var saved = await PutAsync(writer, "A-020", markdown.Replace("Before", "After", StringComparison.Ordinal), etag);
        var stale = await PutAsync(writer, "A-020", markdown.Replace("Before", "Overwritten", StringComparison.Ordinal), etag);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.NotEqual(etag, saved.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(saved.Headers.ETag?.ToString(), stale.Headers.ETag?.ToString());
        Assert.Contains("was saved since", (await ProblemAsync(stale)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        await using var db = app.CreateDbContext();
        Assert.Equal("After", (await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "A-020", Cancel)).Title);
        Assert.Contains(await db.AuditEvents.AsNoTracking().Where(a => a.MilestoneId == "A-020").ToListAsync(Cancel),
            a => a.Action == ChainForge.Milestones.Audit.AuditAction.MilestoneEdited && a.Actor == "writer" && a.Channel == ChainForge.Milestones.Audit.Channel.Api);
    }

    [Fact]
    public async Task A_replace_needs_if_match_names_a_markdown_error_by_its_line_and_cannot_approve()
    {
        await app.StoreAsync(Arrange.Named("A-030", "Guarded"));
        var writer = await TokenClientAsync("writer", TokenScopes.Read | TokenScopes.Write, Roles.Author);
        var read = await GetMarkdownAsync(writer, "A-030");
        var etag = read.Headers.ETag!.ToString();
        var markdown = await read.Content.ReadAsStringAsync(Cancel);
        var broken = markdown.Replace("**Priority**: [HIGH/MEDIUM/LOW]", "**Priority**: URGENT", StringComparison.Ordinal);
        var line = Array.FindIndex(broken.Split('\n'), l => l.Contains("URGENT", StringComparison.Ordinal)) + 1;
        var approving = markdown.Replace("- **Status**: [APPROVED/PENDING/REJECTED]", "- **Status**: APPROVED", StringComparison.Ordinal);

        var withoutIfMatch = await PutAsync(writer, "A-030", markdown, null);
        var unreadable = await PutAsync(writer, "A-030", broken, etag);
        var approval = await PutAsync(writer, "A-030", approving, etag);

        Assert.Equal((HttpStatusCode)428, withoutIfMatch.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unreadable.StatusCode);
        var error = (await ProblemAsync(unreadable)).GetProperty("errors")[0];
        Assert.Equal(line, error.GetProperty("line").GetInt32());
        Assert.Contains("Priority", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        // The review section is the reviewers': a file's APPROVED is not stored.
        Assert.Equal(HttpStatusCode.OK, approval.StatusCode);
        await using var db = app.CreateDbContext();
        Assert.Null((await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "A-030", Cancel)).Review.TechnicalReview.Status);
    }

    [Fact]
    public async Task A_file_posted_creates_its_milestone_and_answers_with_its_address()
    {
        var writer = await TokenClientAsync("writer", TokenScopes.Read | TokenScopes.Write, Roles.Author);

        var created = await writer.PostAsync(new Uri("/api/v1/milestones", UriKind.Relative), File(MarkdownExporter.Export(Arrange.Named("A-040", "Posted"))), Cancel);
        var again = await writer.PostAsync(new Uri("/api/v1/milestones", UriKind.Relative), File(MarkdownExporter.Export(Arrange.Named("A-040", "Posted"))), Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/milestones/A-040", created.Headers.Location?.OriginalString);
        Assert.NotNull(created.Headers.ETag);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_read_token_cannot_write_and_a_token_never_writes_beyond_its_persons_roles()
    {
        await app.StoreAsync(Arrange.Named("A-050", "Not theirs"));
        var reader = await TokenClientAsync("reader", TokenScopes.Read, Roles.Author);
        var read = await GetMarkdownAsync(reader, "A-050");

        var refused = await PutAsync(reader, "A-050", await read.Content.ReadAsStringAsync(Cancel), read.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        await app.EnsureUserAsync("rowan", Roles.Reviewer);
        using var scope = app.Services.CreateScope();
        var (secret, refusal) = await scope.ServiceProvider.GetRequiredService<AccountChanges>()
            .CreateTokenAsync(Actor.CommandLine, "rowan", "would write", TokenScopes.Read | TokenScopes.Write, TimeSpan.FromDays(1), Cancel);
        Assert.Null(secret);
        Assert.Contains("not an Author", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer cfm_not-a-token-of-this-server")]
    [InlineData("Bearer not even the prefix")]
    [InlineData("Basic YWRhOnNlY3JldA==")]
    public async Task Without_a_valid_token_the_api_answers_401_with_a_problem(string? authorization)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (authorization is not null)
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        var response = await client.GetAsync(new Uri("/api/v1/milestones", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        await ProblemAsync(response);
    }

    [Fact]
    public async Task Cookies_do_not_sign_in_to_the_api_and_tokens_do_not_sign_in_to_the_pages()
    {
        var cookie = await app.AuthorClientAsync();
        var token = await TokenClientAsync("reader", TokenScopes.Read, Roles.Author);

        var api = await cookie.GetAsync(new Uri("/api/v1/milestones", UriKind.Relative), Cancel);
        var page = await token.GetAsync(new Uri("/", UriKind.Relative), Cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_or_expired_token_is_refused_and_a_used_one_shows_when()
    {
        var client = await TokenClientAsync("revoking", TokenScopes.Read, Roles.Author);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/api/v1/milestones", UriKind.Relative), Cancel)).StatusCode);
        await using var db = app.CreateDbContext();
        var token = await db.AccessTokens.AsNoTracking().Where(t => t.UserName == "revoking").SingleAsync(Cancel);
        Assert.NotNull(token.LastUsedAt);

        using (var scope = app.Services.CreateScope())
            Assert.True(await scope.ServiceProvider.GetRequiredService<AccountChanges>().RevokeTokenAsync(Actor.Of(new System.Security.Claims.ClaimsPrincipal(
                new System.Security.Claims.ClaimsIdentity([new(System.Security.Claims.ClaimTypes.Name, "revoking")], "test"))), token.Id, Cancel));

        var refused = await client.GetAsync(new Uri("/api/v1/milestones", UriKind.Relative), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked or expired", (await ProblemAsync(refused)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_is_well_formed_and_every_operation_in_it_answers()
    {
        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), Cancel)).RootElement;
        await using (var db = app.CreateDbContext())
            Assert.True((await Actors.AcceptingImportAsync(db, [new MilestoneFile("A-100.md", Encoding.UTF8.GetBytes(Fixture.Example.Replace("M-007", "A-100", StringComparison.Ordinal)))], "alice", TimeProvider.System, Cancel)).Succeeded);
        var client = await TokenClientAsync("everything", TokenScopes.Read | TokenScopes.Write | TokenScopes.Review, Roles.Author, Roles.Reviewer);

        // Well formed: OpenAPI 3, each operation named once and summarised, each reference resolved.
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(document.GetProperty("info").GetProperty("title").GetString()));
        var schemas = document.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var s)
            ? s.EnumerateObject().Select(p => p.Name).ToHashSet() : [];
        var references = System.Text.RegularExpressions.Regex.Matches(document.GetRawText(), "\"\\$ref\":\\s*\"#/components/schemas/([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(references, r => Assert.Contains(r, schemas));
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Path: path.Name, Method: operation.Name.ToUpperInvariant(), Operation: operation.Value))).ToList();
        Assert.Equal(operations.Count, operations.Select(o => o.Operation.GetProperty("operationId").GetString()).Distinct().Count());
        Assert.All(operations, o => Assert.False(string.IsNullOrEmpty(o.Operation.GetProperty("summary").GetString()), $"{o.Method} {o.Path} has no summary"));
        Assert.All(operations, o => Assert.True(o.Operation.TryGetProperty("responses", out _), $"{o.Method} {o.Path} has no responses"));
        Assert.Equal(14, operations.Count);

        // Every operation answers as the API does: found, and a success or Problem Details, never a server error.
        foreach (var (path, method, _) in operations.OrderBy(o => o.Method == "DELETE"))
        {
            var url = path.Replace("{id}", "A-100", StringComparison.Ordinal).Replace("{number}", "1", StringComparison.Ordinal).Replace("{kind}", "Technical", StringComparison.Ordinal)
                + (path.EndsWith("/diff", StringComparison.Ordinal) ? "?from=1&to=1" : "");
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            if (method is "POST" or "PUT")
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            if (method is "PUT" or "DELETE" || path.EndsWith("/reviews/{kind}", StringComparison.Ordinal))
                request.Headers.TryAddWithoutValidation("If-Match", MilestonesApi.ETag(Guid.NewGuid()));
            var response = await client.SendAsync(request, Cancel);

            Assert.True((int)response.StatusCode < 500, $"{method} {url}: {(int)response.StatusCode}");
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, response.StatusCode);
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.NotModified)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.NotEqual("No such address", (await ProblemAsync(response)).GetProperty("title").GetString());
            }
        }
    }

    [Fact]
    public async Task Revisions_are_listed_read_and_compared()
    {
        await using (var db = app.CreateDbContext())
            Assert.True((await Actors.AcceptingImportAsync(db, [new MilestoneFile("A-060.md", MilestoneFiles.Encode(Arrange.Named("A-060", "First")))], "alice", TimeProvider.System, Cancel)).Succeeded);
        var writer = await TokenClientAsync("writer", TokenScopes.Read | TokenScopes.Write, Roles.Author);
        var read = await GetMarkdownAsync(writer, "A-060");
        var first = await read.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(writer, "A-060", first.Replace("First", "Second", StringComparison.Ordinal), read.Headers.ETag!.ToString())).StatusCode);

        var revisions = JsonDocument.Parse(await writer.GetStringAsync(new Uri("/api/v1/milestones/A-060/revisions", UriKind.Relative), Cancel)).RootElement;
        var diff = JsonDocument.Parse(await writer.GetStringAsync(new Uri("/api/v1/milestones/A-060/diff?from=1&to=2", UriKind.Relative), Cancel)).RootElement;
        var one = await writer.GetStringAsync(new Uri("/api/v1/milestones/A-060/revisions/1", UriKind.Relative), Cancel);

        Assert.Equal([2, 1], revisions.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal("writer", revisions[0].GetProperty("author").GetString());
        Assert.Contains("First", one, StringComparison.Ordinal);
        Assert.Contains(diff.GetProperty("lines").EnumerateArray(), l => l.GetProperty("change").GetString() == "inserted" && l.GetProperty("text").GetString()!.Contains("Second", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync(new Uri("/api/v1/milestones/A-060/diff?from=1&to=9", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_reviewers_token_records_a_decision_as_them_and_an_authors_cannot()
    {
        var example = Fixture.Example.Replace("M-007", "A-070", StringComparison.Ordinal);
        await using (var db = app.CreateDbContext())
            Assert.True((await Actors.AcceptingImportAsync(db, [new MilestoneFile("A-070.md", Encoding.UTF8.GetBytes(example))], "alice", TimeProvider.System, Cancel)).Succeeded);
        var reviewer = await TokenClientAsync("rita", TokenScopes.Read | TokenScopes.Review, Roles.Reviewer);
        var author = await TokenClientAsync("writer", TokenScopes.Read | TokenScopes.Write, Roles.Author);
        var etag = (await GetMarkdownAsync(reviewer, "A-070")).Headers.ETag!.ToString();

        async Task<HttpResponseMessage> Decide(HttpClient client, string kind, string body, string? ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/milestones/A-070/reviews/{kind}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (ifMatch is not null)
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await client.SendAsync(request, Cancel);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Decide(author, "Business", """{"status":"Approved"}""", etag)).StatusCode);
        Assert.Equal((HttpStatusCode)428, (await Decide(reviewer, "Business", """{"status":"Approved"}""", null)).StatusCode);
        var approved = await Decide(reviewer, "Business", """{"status":"Approved","comments":"Agreed."}""", etag);
        var stale = await Decide(reviewer, "Technical", """{"status":"Approved"}""", etag);

        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        await using var read = app.CreateDbContext();
        var business = (await read.Milestones.AsNoTracking().SingleAsync(m => m.Id == "A-070", Cancel)).Review.BusinessReview;
        Assert.Equal(("rita", ReviewStatus.Approved), (business.Reviewer, business.Status));
    }

    [Fact]
    public async Task An_archive_needs_the_current_etag_and_the_milestone_leaves_the_api()
    {
        await app.StoreAsync(Arrange.Named("A-080", "To the archive"));
        var writer = await TokenClientAsync("writer", TokenScopes.Read | TokenScopes.Write, Roles.Author);
        var etag = (await GetMarkdownAsync(writer, "A-080")).Headers.ETag!.ToString();

        async Task<HttpResponseMessage> Archive(string ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/milestones/A-080");
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await writer.SendAsync(request, Cancel);
        }

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await Archive(MilestonesApi.ETag(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Archive(etag)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await writer.GetAsync(new Uri("/api/v1/milestones/A-080", UriKind.Relative), Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_portfolio_and_the_dependency_graph_are_json()
    {
        var waiting = Arrange.Named("A-091", "Waits");
        waiting.Dependencies = ["A-090"];
        await app.StoreAsync(Arrange.Named("A-090", "First"), waiting);
        var reader = await TokenClientAsync("reader", TokenScopes.Read, Roles.Author);

        var portfolio = JsonDocument.Parse(await reader.GetStringAsync(new Uri("/api/v1/portfolio", UriKind.Relative), Cancel)).RootElement;
        var graph = JsonDocument.Parse(await reader.GetStringAsync(new Uri("/api/v1/dependencies", UriKind.Relative), Cancel)).RootElement;

        Assert.True(portfolio.GetProperty("count").GetInt32() >= 2);
        Assert.Contains(graph.GetProperty("links").EnumerateArray(), l => l.GetProperty("dependent").GetString() == "A-091" && l.GetProperty("prerequisite").GetString() == "A-090");
        Assert.Contains(graph.GetProperty("milestones").EnumerateArray(), n => n.GetProperty("id").GetString() == "A-091" && n.GetProperty("dependencies")[0].GetString() == "A-090");
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("POST", "/api/v2/milestones")]
    [InlineData("PATCH", "/api/v1/portfolio")]
    public async Task An_address_or_verb_the_api_lacks_is_a_404_or_405_in_problem_details_not_the_sign_in_page(string verb, string url)
    {
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(verb), url), Cancel);

        // A known address with another verb is routing's 405; neither is ever the sign-in page.
        Assert.Equal(verb == "PATCH" ? HttpStatusCode.MethodNotAllowed : HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        if (verb != "PATCH")
            Assert.Contains("/openapi/v1.json", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reference_page_lists_every_operation_with_the_scope_it_needs()
    {
        var page = await HtmlPage.GetAsync(app.CreateClient(), "/api");

        var operations = page.FindAll("#operations tbody tr").ToDictionary(r => r.GetAttribute("data-operation")!, r => r.Children[2].TextContent);
        Assert.Equal("read", operations["GET /api/v1/milestones/{id}"]);
        Assert.Equal("write", operations["PUT /api/v1/milestones/{id}"]);
        Assert.Equal("review", operations["POST /api/v1/milestones/{id}/reviews/{kind}"]);
        Assert.Equal("none: public", operations["GET /api/v1/approvals/public-key"]);
        Assert.Equal(14, operations.Count);
        Assert.NotNull(page.Find("a#openapi-link[href='/openapi/v1.json']"));
    }

    [Fact]
    public async Task An_answer_without_a_body_is_a_problem_too_and_a_push_names_each_path_once()
    {
        var writer = await TokenClientAsync("writer", TokenScopes.Read | TokenScopes.Write, Roles.Author);

        var missing = await writer.GetAsync(new Uri("/api/v1/milestones/A-001/diff?from=one", UriKind.Relative), Cancel);
        var twice = await writer.PostAsync(new Uri("/api/v1/push", UriKind.Relative), new StringContent(
            """{"files":[{"path":"a.md","content":"x","version":null},{"path":"a.md","content":"y","version":null}]}""", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        await ProblemAsync(missing);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("each path once", (await ProblemAsync(twice)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
