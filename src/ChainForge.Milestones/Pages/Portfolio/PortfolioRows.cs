using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Portfolio;

/// <summary>Loads the slim rows the portfolio and the dependency graph are computed from.</summary>
public static class PortfolioRows
{
    public static async Task<List<PortfolioRow>> LoadAsync(MilestonesDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Milestones.AsNoTracking()
            .Select(m => new { m.Id, m.Title, m.Status, m.Priority, m.Phase, m.StoryPoints, m.Weeks, m.Dependencies, m.DependencyTracking, m.Risks, m.Checkpoints })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(m => new PortfolioRow(m.Id, m.Title, m.Status, m.Priority, m.Phase, m.StoryPoints, m.Weeks,
            m.Dependencies, [.. m.DependencyTracking.Internal.Select(d => d.Name)], [.. m.Risks.TechnicalRisks, .. m.Risks.BusinessRisks], m.Checkpoints))];
    }

    /// <summary>Today where the app runs: checkpoints are dates without a time zone.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
}
