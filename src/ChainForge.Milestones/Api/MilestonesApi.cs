using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Tracking;
using ChainForge.Milestones.Pages;
using ChainForge.Milestones.Pages.Milestones;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ChainForge.Milestones.Api;

/// <summary>One row of the API's milestone list: the columns of the list page.</summary>
public sealed record MilestoneSummary(string Id, string Title, int? Phase, Priority? Priority, MilestoneStatus? Status, int? Progress, string AssignedTo, DateOnly? LastUpdated, IReadOnlyList<string> OverdueCheckpoints);

/// <summary>A page of the API's milestone list.</summary>
public sealed record MilestoneListResult(IReadOnlyList<MilestoneSummary> Milestones, int Total, int Page, int PageCount, int PageSize);

/// <summary>
/// The HTTP API, <c>/api/v1</c>, for a repository's CI and other tools, signed in by personal
/// access tokens only (<see cref="AccessTokenAuthentication"/>). Reads answer with the milestone's
/// version as an ETag; a write needs that ETag in If-Match and is refused (412) when the milestone
/// changed since, never merged. Every write goes through <see cref="MilestoneChanges"/>. Errors are
/// Problem Details, with the pages' messages; a markdown error names its line.
/// </summary>
public static class MilestonesApi
{
    public const string ReadPolicy = "api-read", WritePolicy = "api-write";
    public const string RateLimitPolicy = "api";
    public const string RequestsPerMinuteSetting = "Api:RequestsPerMinute";
    public const int RequestsPerMinute = 600;
    private const string Markdown = "text/markdown";

    /// <summary>The most a milestone's file may take in a request: well above what the limits allow (MilestoneLimits).</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static IServiceCollection AddMilestonesApi(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(AccessTokenAuthentication.ScopeClaim, "read"))
            .AddPolicy(WritePolicy, p => p.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(AccessTokenAuthentication.ScopeClaim, "write").RequireRole(Roles.Author))
            .AddPolicy(TrackingApi.ReviewPolicy, p => p.AddAuthenticationSchemes(AccessTokenAuthentication.SchemeName).RequireAuthenticatedUser()
                .RequireClaim(AccessTokenAuthentication.ScopeClaim, "review").RequireRole(Roles.Reviewer));
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi("v1");
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var perMinute = configuration.GetValue(RequestsPerMinuteSetting, RequestsPerMinute);
            // Per token, found before it is checked, by its hash (the secret is not kept as a key);
            // whatever does not look like a token is limited per client address.
            options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Request.Headers.Authorization.ToString() is { Length: > 7 and < 120 } header && header["Bearer ".Length..].Trim() is var secret && secret.StartsWith(AccessToken.Prefix, StringComparison.Ordinal)
                    ? AccessToken.HashOf(secret)
                    : context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    /// <summary>
    /// Under /api, an address no endpoint has is a 404, and a known address with a verb it lacks
    /// is routing's own 405, both in Problem Details: never the sign-in page that the pages'
    /// fallback policy sends a visitor without a (routed) endpoint to.
    /// </summary>
    public static Task UnknownAddressAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            return next(context);
        return context.GetEndpoint() switch
        {
            null => Problem(StatusCodes.Status404NotFound, "No such address",
                "The API has nothing at this address: its operations are listed at /api and in /openapi/v1.json.").ExecuteAsync(context),
            // Routing's 405 is an endpoint without a route, answering with the status alone (Problem Details come from UseStatusCodePages).
            { RequestDelegate: { } reject } endpoint when endpoint is not RouteEndpoint => reject(context),
            _ => next(context),
        };
    }

    public static IEndpointRouteBuilder MapMilestonesApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization(ReadPolicy).RequireRateLimiting(RateLimitPolicy).WithTags("Milestones");
        api.MapGet("/milestones", ListAsync).WithName("ListMilestones")
            .WithSummary("The milestones, filtered, sorted and paged as the list page does: q (words), status, priority, phase, assignee, sort, dir, page.");
        api.MapGet("/milestones/{id}", ReadAsync).WithName("ReadMilestone")
            .WithSummary("One milestone: JSON (the typed model), or its canonical file with Accept: text/markdown. The ETag is its version.")
            .Produces<Milestone>(contentType: "application/json").Produces<string>(contentType: Markdown);
        api.MapPost("/milestones", CreateAsync).WithName("CreateMilestone").RequireAuthorization(WritePolicy)
            .WithSummary("Creates a milestone from its file (Content-Type: text/markdown) or its JSON.");
        api.MapPut("/milestones/{id}", ReplaceAsync).WithName("ReplaceMilestone").RequireAuthorization(WritePolicy)
            .WithSummary("Replaces a milestone with a file (Content-Type: text/markdown) or JSON, as a save from the editor: If-Match must carry the ETag it was read with (412 when it changed since). Its reviews stay as recorded.");
        api.MapPost("/push", PushAsync).WithName("Push").RequireAuthorization(WritePolicy)
            .WithSummary("Files from a repository, all or nothing (JSON: files of path, content and the version each was pulled at, null for a new one): a file changed on the server since it was pulled is refused with the lines that differ (409).");
        TrackingApi.Map(api);
        // The bodies are read by the handlers, after the token is checked: metadata naming the
        // content types would let routing answer 415 before that, and a page's redirect to anyone.
        return app;
    }

    private static async Task<Ok<MilestoneListResult>> ListAsync(MilestonesDbContext db, TimeProvider clock,
        string? q, MilestoneStatus? status, Priority? priority, int? phase, string? assignee, string? sort, string? dir, int? page, CancellationToken cancellationToken)
    {
        var list = await MilestoneList.LoadAsync(db, new MilestoneListQuery(q, status, priority, phase, assignee, sort, dir == "desc", page ?? 1), TrackingQueries.Today(clock), cancellationToken: cancellationToken);
        return TypedResults.Ok(new MilestoneListResult(
            [.. list.Rows.Select(r => new MilestoneSummary(r.Id, r.Title, r.Phase, r.Priority, r.Status, r.Progress, r.AssignedTo, r.LastUpdated, r.Overdue))],
            list.Total, list.Page, list.PageCount, MilestoneList.PageSize));
    }

    private static async Task<IResult> ReadAsync(string id, HttpRequest request, HttpResponse response, MilestonesDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.Milestones.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new { Milestone = m, Markdown = EF.Property<string?>(m, MilestonesDbContext.StoredMarkdown) })
            .FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
            return NotFound(id);
        var etag = ETag(stored.Milestone.Version);
        response.Headers.ETag = etag;
        if (request.Headers.IfNoneMatch.ToString() == etag)
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        return Wants(request, Markdown)
            ? TypedResults.Text(stored.Markdown ?? MarkdownExporter.Export(stored.Milestone), $"{Markdown}; charset=utf-8")
            : TypedResults.Json(stored.Milestone);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, MilestoneChanges changes, CancellationToken cancellationToken)
    {
        var read = await ReadBodyAsync(context.Request, "new milestone", cancellationToken);
        if (read.Problem is { } problem)
            return problem;
        var milestone = read.Milestone!;
        var result = await changes.CreateAsync(Actor.Of(context.User), milestone, cancellationToken);
        return result.Outcome switch
        {
            ChangeOutcome.Done => await CreatedAsync(context, milestone.Id),
            ChangeOutcome.IdTaken => Problem(StatusCodes.Status409Conflict, "ID taken", $"{milestone.Id} is taken, by a milestone in the lists or in the archive: replace it (PUT) or choose another ID."),
            _ => Outcome(result, milestone.Id),
        };
    }

    private static async Task<IResult> ReplaceAsync(string id, HttpContext context, MilestoneChanges changes, MilestonesDbContext db, CancellationToken cancellationToken)
    {
        if (!TryIfMatch(context.Request, out var startedFrom))
            return IfMatchRequired();
        var read = await ReadBodyAsync(context.Request, $"{id}.md", cancellationToken);
        if (read.Problem is { } problem)
            return problem;
        var milestone = read.Milestone!;
        if (!string.Equals(milestone.Id, id, StringComparison.OrdinalIgnoreCase))
            return Problem(StatusCodes.Status422UnprocessableEntity, "Another ID", $"The body is milestone {milestone.Id}, the address is {id}: an ID is not changed by a replace.");
        var current = await db.Milestones.AsNoTracking().Where(m => m.Id == id).Select(m => new { m.Id, m.ProgressPinned }).FirstOrDefaultAsync(cancellationToken);
        if (current is null)
            return NotFound(id);
        (milestone.Id, milestone.ProgressPinned) = (current.Id, current.ProgressPinned);
        var result = await changes.EditAsync(Actor.Of(context.User), milestone, startedFrom, cancellationToken);
        return result.Outcome switch
        {
            ChangeOutcome.Done => await SavedAsync(context, id, StatusCodes.Status200OK),
            ChangeOutcome.Stale => await StaleAsync(context, id),
            _ => Outcome(result, id),
        };
    }

    internal static ProblemHttpResult IfMatchRequired() =>
        Problem(StatusCodes.Status428PreconditionRequired, "If-Match required", "Send If-Match with the ETag the milestone was read with: a write is refused when it changed since, never merged.");

    /// <summary>412, with the milestone's ETag now.</summary>
    internal static async Task<IResult> StaleAsync(HttpContext context, string id)
    {
        var db = context.RequestServices.GetRequiredService<MilestonesDbContext>();
        var now = await db.Milestones.AsNoTracking().Where(m => m.Id == id).Select(m => (Guid?)m.Version).FirstOrDefaultAsync(context.RequestAborted);
        if (now is null)
            return NotFound(id);
        context.Response.Headers.ETag = ETag(now.Value);
        return Problem(StatusCodes.Status412PreconditionFailed, "Changed since it was read",
            $"{id} was saved since the version in If-Match; its ETag is now {context.Response.Headers.ETag}. Read it again, apply the change, and send it with that ETag.");
    }

    private sealed record PushRequestFile(string Path, string Content, string? Version);

    private sealed record PushRequest(List<PushRequestFile> Files);

    private static async Task<IResult> PushAsync(HttpContext context, MilestoneChanges changes, CancellationToken cancellationToken)
    {
        if (context.Request.ContentLength > ImportUpload.MaxTotalBytes * 2L)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Too large", ImportUpload.TooLarge(context.Request.ContentLength.Value));
        PushRequest? request;
        try
        {
            request = await context.Request.ReadFromJsonAsync<PushRequest>(cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            request = null;
        }
        if (request?.Files is not { Count: > 0 } sent || sent.Any(f => f is null || f.Path is null || f.Content is null)
            || sent.Select(f => f.Path).Distinct(StringComparer.Ordinal).Count() != sent.Count)
            return Problem(StatusCodes.Status400BadRequest, "No files", """Send JSON: {"files": [{"path": "M-007.md", "content": "…", "version": "\"…\"" or null}]}, each path once.""");
        var files = new List<PushedFile>();
        foreach (var file in sent)
        {
            Guid? version = null;
            if (file.Version is { } etag)
            {
                if (!TryParseETag(etag, out var parsed))
                    return Problem(StatusCodes.Status400BadRequest, "Not a version", $"{file.Path}: the version is the ETag the file was pulled at, not {etag}.");
                version = parsed;
            }
            files.Add(new PushedFile(new MilestoneFile(file.Path, System.Text.Encoding.UTF8.GetBytes(file.Content)), version));
        }
        if (files.Sum(f => (long)f.File.Content.Length) > ImportUpload.MaxTotalBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "Too large", ImportUpload.TooLarge(files.Sum(f => (long)f.File.Content.Length)));
        var result = await changes.PushAsync(Actor.Of(context.User), files, cancellationToken);
        if (result.Succeeded)
        {
            // Each file as the server now has it, so that the repository's copy is the one at its version.
            var db = context.RequestServices.GetRequiredService<MilestonesDbContext>();
            var ids = result.Milestones.Select(m => m.Id).ToList();
            var stored = await db.Milestones.AsNoTracking().Where(m => ids.Contains(m.Id))
                .Select(m => new { m.Id, Markdown = EF.Property<string?>(m, MilestonesDbContext.StoredMarkdown) })
                .ToDictionaryAsync(m => m.Id, m => m.Markdown, StringComparer.OrdinalIgnoreCase, cancellationToken);
            return TypedResults.Ok(new
            {
                milestones = result.Milestones.Select(m => new { path = m.Path, id = m.Id, action = m.Action.ToString().ToLowerInvariant(), etag = ETag(m.Version), content = stored.GetValueOrDefault(m.Id) }),
            });
        }
        return Problem(result.Conflicts.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity, "Nothing was pushed",
            string.Join("\n", result.Errors), new Dictionary<string, object?>
            {
                ["errors"] = result.Errors.Select(e => new { path = e.Path, line = e.Line, message = e.Message }).ToList(),
                ["conflicts"] = result.Conflicts.Select(c => new
                {
                    path = c.Key,
                    lines = c.Value.Select(l => l is null ? null : new { change = l.Change.ToString().ToLowerInvariant(), text = l.Text }).ToList(),
                }).ToList(),
            });
    }

    private static Task<IResult> CreatedAsync(HttpContext context, string id) => SavedAsync(context, id, StatusCodes.Status201Created);

    /// <summary>The milestone as stored now, with its new ETag (and for a new one, its address).</summary>
    internal static async Task<IResult> SavedAsync(HttpContext context, string id, int status)
    {
        var db = context.RequestServices.GetRequiredService<MilestonesDbContext>();
        var saved = await db.Milestones.AsNoTracking().FirstAsync(m => m.Id == id, context.RequestAborted);
        context.Response.Headers.ETag = ETag(saved.Version);
        if (status == StatusCodes.Status201Created)
            context.Response.Headers.Location = $"/api/v1/milestones/{Uri.EscapeDataString(saved.Id)}";
        return TypedResults.Json(saved, statusCode: status);
    }

    internal static ProblemHttpResult Outcome(ChangeResult result, string id) => result.Outcome switch
    {
        ChangeOutcome.NotFound => NotFound(id),
        ChangeOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not allowed", "Writing needs the Author role and the write scope; a decision, the Reviewer role and the review scope."),
        _ => Problem(StatusCodes.Status422UnprocessableEntity, "Refused", string.Join(" ", result.Refusals), new Dictionary<string, object?> { ["errors"] = result.Refusals }),
    };

    private sealed record Body(Milestone? Milestone, IResult? Problem);

    /// <summary>The milestone in a request's body: a file (text/markdown, read as an import reads it) or JSON.</summary>
    private static async Task<Body> ReadBodyAsync(HttpRequest request, string fileName, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
            return new(null, Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"A milestone's body is at most {MaxBodyBytes / (1024 * 1024)} MB."));
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBodyBytes)
                return new(null, Problem(StatusCodes.Status413PayloadTooLarge, "Too large", $"A milestone's body is at most {MaxBodyBytes / (1024 * 1024)} MB."));
        }
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.ToString() : "";
        if (string.Equals(mediaType, Markdown, StringComparison.OrdinalIgnoreCase))
        {
            var errors = MilestoneFiles.Check([new MilestoneFile(fileName, buffer.ToArray())], out var read);
            return errors.Count > 0
                ? new(null, Problem(StatusCodes.Status422UnprocessableEntity, "The file does not read as a milestone", string.Join("\n", errors),
                    new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { line = e.Line, message = e.Message }).ToList() }))
                : new(read[0].Milestone, null);
        }
        if (string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var options = request.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
                if (System.Text.Json.JsonSerializer.Deserialize<Milestone>(buffer.ToArray(), options) is { } milestone)
                    return new(milestone, null);
            }
            catch (System.Text.Json.JsonException e)
            {
                return new(null, Problem(StatusCodes.Status400BadRequest, "Not a milestone's JSON", e.Message));
            }
            return new(null, Unreadable());
        }
        return new(null, Problem(StatusCodes.Status415UnsupportedMediaType, "Send a file or JSON", $"Content-Type is {Markdown} (the milestone's file) or application/json (the typed model)."));
    }

    private static ProblemHttpResult Unreadable() => Problem(StatusCodes.Status400BadRequest, "No milestone", "The body holds no milestone.");

    private static bool Wants(HttpRequest request, string mediaType) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase));

    public static string ETag(Guid version) => $"\"{version:N}\"";

    internal static bool TryIfMatch(HttpRequest request, out Guid version) => TryParseETag(request.Headers.IfMatch.ToString(), out version);

    /// <summary>The version an ETag (<see cref="ETag"/>) stands for, weak or strong.</summary>
    internal static bool TryParseETag(string? etag, out Guid version)
    {
        var value = (etag ?? "").Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal))
            value = value[2..];
        return Guid.TryParseExact(value.Trim('"'), "N", out version);
    }

    internal static ProblemHttpResult NotFound(string id) => Problem(StatusCodes.Status404NotFound, "No such milestone", $"There is no milestone {id} in the lists (an archived one is not served).");

    internal static ProblemHttpResult Problem(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: extensions);
}
