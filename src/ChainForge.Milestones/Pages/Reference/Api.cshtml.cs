using ChainForge.Milestones.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChainForge.Milestones.Pages.Reference;

/// <summary>
/// The HTTP API's reference, read from the endpoints themselves (their routes, verbs, summaries
/// and the scope each needs), so it cannot drift from them; the OpenAPI document has the schemas.
/// </summary>
[AllowAnonymous]
public sealed class ApiModel(EndpointDataSource endpoints) : PageModel
{
    public sealed record Operation(string Method, string Path, string Summary, string Scope);

    public IReadOnlyList<Operation> Operations { get; private set; } = [];

    public void OnGet() =>
        Operations = [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(method => new Operation(
                method,
                e.RoutePattern.RawText!.Replace(":int", "", StringComparison.Ordinal),
                e.Metadata.GetMetadata<IEndpointSummaryMetadata>()?.Summary ?? "",
                ScopeOf(e))))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)];

    // The most demanding policy on the endpoint is the one that decides.
    private static string ScopeOf(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            return "none: public";
        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
        return policies.Contains(TrackingApi.ReviewPolicy) ? "review" : policies.Contains(MilestonesApi.WritePolicy) ? "write" : "read";
    }
}
