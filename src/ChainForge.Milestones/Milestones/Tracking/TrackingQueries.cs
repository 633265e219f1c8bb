using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>Loads only the columns the tracking rules need, for the pages that show them.</summary>
public static class TrackingQueries
{
    /// <summary>The graph of every milestone with each one's phase, and which are blocked: what the graph page, the portfolio and the list's filter share.</summary>
    public static async Task<WholeGraph> WholeGraphAsync(MilestonesDbContext db, CancellationToken cancellationToken) =>
        new(await DependencyGraphRowsAsync(db, cancellationToken));

    /// <summary>Each milestone's node of the graph, with its phase (for the graph page's filter).</summary>
    public static async Task<List<(DependencyNode Node, int? Phase)>> DependencyGraphRowsAsync(MilestonesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The internal dependencies live in a JSON column, which is loaded whole.
        var rows = await db.Milestones.AsNoTracking()
            .Select(m => new { m.Id, m.Title, m.Status, m.Phase, m.Dependencies, m.DependencyTracking })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => (DependencyNode.Of(m.Id, m.Title, m.Status, m.Dependencies, m.DependencyTracking), m.Phase))];
    }

    /// <summary>
    /// The graph of one milestone and the stored milestones its entries may name: what blocks it is
    /// the same as in <see cref="WholeGraphAsync"/>, without reading every milestone (at 10,000
    /// milestones that read cost the milestone page 130 ms of CPU).
    /// </summary>
    public static async Task<DependencyGraph> DependencyGraphAroundAsync(MilestonesDbContext db, Milestone milestone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var node = DependencyNode.Of(milestone);
        var named = node.NamedIds.ToList();
        var id = milestone.Id;
        // IDs compare without case in the database (NOCASE), as the graph compares them.
        var prerequisites = await db.Milestones.AsNoTracking()
            .Where(m => named.Contains(m.Id) && m.Id != id)
            .Select(m => new { m.Id, m.Title, m.Status })
            .ToListAsync(cancellationToken);
        return new DependencyGraph([node, .. prerequisites.Select(m => new DependencyNode(m.Id, m.Title, m.Status, []))]);
    }

    /// <summary>The entries of <paramref name="milestone"/>'s Dependencies line that name no stored milestone.</summary>
    public static async Task<IReadOnlyList<string>> UnknownDependenciesAsync(MilestonesDbContext db, Milestone milestone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        if (milestone.Dependencies.All(string.IsNullOrWhiteSpace))
            return [];
        return (await DependencyGraphAroundAsync(db, milestone, cancellationToken)).UnknownDeclared(milestone.Id);
    }

    /// <summary>Today where the app runs: checkpoints are dates without a time zone.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}

/// <summary>The dependency graph of every milestone, with their phases, and what it finds blocked.</summary>
public sealed class WholeGraph(IReadOnlyList<(DependencyNode Node, int? Phase)> rows)
{
    public IReadOnlyList<(DependencyNode Node, int? Phase)> Rows { get; } = rows;

    public DependencyGraph Graph { get; } = new(rows.Select(r => r.Node));

    public IReadOnlyList<BlockedMilestone> Blocked => _blocked ??= [.. Graph.Blocked().OrderBy(b => b.Milestone.Id, StringComparer.OrdinalIgnoreCase)];

    public IReadOnlySet<string> BlockedIds => _blockedIds ??= Blocked.Select(b => b.Milestone.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The phases milestones have, for the graph page's filter.</summary>
    public IReadOnlyList<int> Phases => _phases ??= [.. Rows.Select(r => r.Phase).OfType<int>().Distinct().Order()];

    public IReadOnlyDictionary<string, int?> PhaseOf => _phaseOf ??= Rows.ToDictionary(r => r.Node.Id, r => r.Phase, StringComparer.OrdinalIgnoreCase);

    /// <summary>Milestones whose Dependencies line names a milestone that does not exist.</summary>
    public IReadOnlyList<(DependencyNode Milestone, IReadOnlyList<string> Unknown)> UnknownDeclared => _unknownDeclared ??= [.. Graph.WithUnknownDeclared()];

    // Made at first use and kept with the graph: every request of a data version shares them.
    private IReadOnlyList<BlockedMilestone>? _blocked;
    private IReadOnlySet<string>? _blockedIds;
    private IReadOnlyList<int>? _phases;
    private IReadOnlyDictionary<string, int?>? _phaseOf;
    private IReadOnlyList<(DependencyNode, IReadOnlyList<string>)>? _unknownDeclared;
}
