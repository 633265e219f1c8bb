using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>Loads only the columns the tracking rules need, for the pages that show them.</summary>
public static class TrackingQueries
{
    /// <summary>Every milestone as a slim portfolio row; risks, checkpoints and internal dependencies come from their JSON columns.</summary>
    public static async Task<List<PortfolioRow>> PortfolioRowsAsync(MilestonesDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Milestones.AsNoTracking()
            .Select(m => new { m.Id, m.Title, m.Status, m.Priority, m.Phase, m.StoryPoints, m.Weeks, m.Dependencies, m.DependencyTracking, m.Risks, m.Checkpoints })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new PortfolioRow(m.Id, m.Title, m.Status, m.Priority, m.Phase, m.StoryPoints, m.Weeks,
            m.Dependencies, [.. m.DependencyTracking.Internal.Select(d => d.Name)], [.. m.Risks.TechnicalRisks, .. m.Risks.BusinessRisks], m.Checkpoints))];
    }

    /// <summary>The dependency graph of all milestones, from their ID, title, status and dependency entries only.</summary>
    public static async Task<DependencyGraph> DependencyGraphAsync(MilestonesDbContext db, CancellationToken cancellationToken)
    {
        // The internal dependencies live in a JSON column, which is loaded whole.
        var rows = await db.Milestones.AsNoTracking()
            .Select(m => new { m.Id, m.Title, m.Status, m.Dependencies, m.DependencyTracking })
            .ToListAsync(cancellationToken);
        return new DependencyGraph(rows.Select(m => new DependencyNode(m.Id, m.Title, m.Status,
            [.. m.Dependencies, .. m.DependencyTracking.Internal.Select(d => d.Name)])));
    }

    /// <summary>
    /// The graph of one milestone and the stored milestones its entries may name: what blocks it is
    /// the same as in <see cref="DependencyGraphAsync"/>, without reading every milestone (at 10,000
    /// milestones that read cost the milestone page 130 ms of CPU).
    /// </summary>
    public static async Task<DependencyGraph> DependencyGraphAroundAsync(MilestonesDbContext db, Milestone milestone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var node = DependencyNode.Of(milestone);
        var named = node.Entries.SelectMany(DependencyGraph.IdsNamedBy).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var id = milestone.Id;
        // IDs compare without case in the database (NOCASE), as the graph compares them.
        var prerequisites = await db.Milestones.AsNoTracking()
            .Where(m => named.Contains(m.Id) && m.Id != id)
            .Select(m => new { m.Id, m.Title, m.Status })
            .ToListAsync(cancellationToken);
        return new DependencyGraph([node, .. prerequisites.Select(m => new DependencyNode(m.Id, m.Title, m.Status, []))]);
    }

    /// <summary>Today where the app runs: checkpoints are dates without a time zone.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
