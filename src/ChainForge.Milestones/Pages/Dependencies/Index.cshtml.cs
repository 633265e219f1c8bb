using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Dependencies;

public sealed class IndexModel(MilestonesDbContext db) : PageModel
{
    public DependencyGraph Graph { get; private set; } = null!;
    public GraphLayout Layout { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Only what the graph needs; the internal dependencies live in a JSON column loaded whole.
        var rows = await db.Milestones.AsNoTracking()
            .Select(m => new { m.Id, m.Title, m.Status, m.Dependencies, m.DependencyTracking })
            .ToListAsync(cancellationToken);
        Graph = new DependencyGraph(rows.Select(m => new DependencyNode(m.Id, m.Title, m.Status,
            [.. m.Dependencies, .. m.DependencyTracking.Internal.Select(d => d.Name)])));
        Layout = GraphLayout.Of(Graph);
    }
}
