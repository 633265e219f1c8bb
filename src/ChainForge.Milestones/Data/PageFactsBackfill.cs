using ChainForge.Milestones.Milestones;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <summary>
/// Stores the page facts (<see cref="MilestonePageFacts"/>) of milestones stored before them, or in
/// an older format, as every save stores them. Runs at start-up after the migrations: until it has,
/// such a milestone's page is made from the whole row, more slowly; a row done once is never read again.
/// </summary>
public static class PageFactsBackfill
{
    private const int Batch = 200;

    public static async Task RunAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var current = MilestonePageFacts.CurrentPrefix;
        while (await db.Milestones.IgnoreQueryFilters().AsNoTracking()
            .Where(m => EF.Property<string?>(m, MilestonesDbContext.StoredPageFacts) == null || !EF.Property<string>(m, MilestonesDbContext.StoredPageFacts).StartsWith(current))
            .OrderBy(m => m.Id).Take(Batch).ToListAsync(cancellationToken) is { Count: > 0 } milestones)
        {
            foreach (var m in milestones)
            {
                // Only from the version read: a save made meanwhile (by another instance) stored its own facts.
                var facts = MilestonePageFacts.Of(m).ToJson();
                await db.Milestones.IgnoreQueryFilters().Where(x => x.Id == m.Id && x.Version == m.Version)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => EF.Property<string?>(x, MilestonesDbContext.StoredPageFacts), facts), cancellationToken);
            }
        }
    }
}
