using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>The one row of team settings, created with its defaults on first use.</summary>
public static class TeamSettingsStore
{
    public static async Task<TeamSettings> GetAsync(MilestonesDbContext db, CancellationToken cancellationToken = default) =>
        await db.TeamSettings.FirstOrDefaultAsync(s => s.Id == 1, cancellationToken) ?? new TeamSettings();

    public static async Task SaveAsync(MilestonesDbContext db, TeamSettings settings, CancellationToken cancellationToken = default)
    {
        if (db.Entry(settings).State == EntityState.Detached)
            db.TeamSettings.Add(settings);
        await db.SaveChangesAsync(cancellationToken);
    }
}
