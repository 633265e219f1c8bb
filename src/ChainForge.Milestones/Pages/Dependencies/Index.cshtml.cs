using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ChainForge.Milestones.Pages.Dependencies;

[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class IndexModel(MilestonesDbContext db) : PageModel
{
    public DependencyGraph Graph { get; private set; } = null!;
    public GraphLayout Layout { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Graph = await TrackingQueries.DependencyGraphAsync(db, cancellationToken);
        Layout = GraphLayout.Of(Graph);
    }
}
