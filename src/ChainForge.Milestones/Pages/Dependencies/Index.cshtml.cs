using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace ChainForge.Milestones.Pages.Dependencies;

/// <summary>
/// The dependency graph, drawn so that it can be read: the whole of it while it is small, else a
/// part chosen by phase and status, or the neighbourhood of one milestone
/// (<c>?around=M-007&amp;depth=2</c>); the whole graph on request (<c>?all=true</c>) up to
/// <see cref="WholeGraphLimit"/> milestones. Cycles and blocked milestones are judged on the whole graph.
/// </summary>
[OutputCache(PolicyName = SignedInPageCache.PolicyName)]
public sealed class IndexModel(MilestonesDbContext db, PerDataVersion kept) : PageModel
{
    /// <summary>Drawn without asking: about a screenful of boxes, a page of a few hundred KB.</summary>
    public const int DrawLimit = 150;

    /// <summary>Drawn when asked for: beyond this the page would be megabytes of boxes nobody can follow.</summary>
    public const int WholeGraphLimit = 1000;

    public const int MaxDepth = 5;

    [BindProperty(SupportsGet = true)]
    public int? Phase { get; set; }

    [BindProperty(SupportsGet = true)]
    public MilestoneStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Around { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Depth { get; set; } = 2;

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    /// <summary>Every milestone and link: for the counts, the cycles and what is blocked.</summary>
    public DependencyGraph Graph { get; private set; } = null!;

    /// <summary>The milestones chosen to draw (all of them when nothing is chosen).</summary>
    public DependencyGraph Shown { get; private set; } = null!;

    /// <summary>Null when <see cref="Shown"/> is too large to draw.</summary>
    public GraphLayout? Layout { get; private set; }

    public bool IsChosen => Phase is not null || Status is not null || !string.IsNullOrWhiteSpace(Around);

    public bool AroundUnknown { get; private set; }

    public IReadOnlyList<int> Phases { get; private set; } = [];

    /// <summary>Milestones whose Dependencies line names no milestone, from the whole graph.</summary>
    public IReadOnlyList<(DependencyNode Milestone, IReadOnlyList<string> Unknown)> UnknownDependencies { get; private set; } = [];

    /// <summary>How many of <see cref="UnknownDependencies"/> the page lists.</summary>
    public const int UnknownListed = 10;

    public async Task OnGetAsync()
    {
        Depth = Math.Clamp(Depth, 1, MaxDepth);
        var whole = await kept.GetAsync(HttpContext, Portfolio.IndexModel.WholeGraphKey, ct => TrackingQueries.WholeGraphAsync(db, ct));
        Graph = whole.Graph;
        Phases = whole.Phases;
        UnknownDependencies = whole.UnknownDeclared;
        var chosen = Graph.Nodes.AsEnumerable();
        if (!string.IsNullOrWhiteSpace(Around))
        {
            var around = Graph.Around(Around.Trim(), Depth);
            AroundUnknown = around.Count == 0;
            chosen = around;
        }
        if (Phase is { } phase)
            chosen = chosen.Where(n => whole.PhaseOf[n.Id] == phase);
        if (Status is { } status)
            chosen = chosen.Where(n => n.Status == status);
        if (!IsChosen)
        {
            Shown = Graph;
        }
        else
        {
            var nodes = chosen.ToList();
            Shown = nodes.Count == Graph.Nodes.Count ? Graph : new DependencyGraph(nodes);
        }
        var limit = All ? WholeGraphLimit : DrawLimit;
        if (Shown.Nodes.Count <= limit)
            Layout = GraphLayout.Of(Shown, whole.BlockedIds);
    }
}
