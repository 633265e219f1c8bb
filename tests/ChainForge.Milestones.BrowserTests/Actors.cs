using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.BrowserTests;

internal static class Actors
{
    /// <summary>Counters nobody reads, for a write path a test makes by hand.</summary>
    public static MilestonesMetrics Metrics { get; } =
        new(new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    /// <summary>An administrator's import that accepts the reviews the files state: how a test puts a milestone with its approvals in place.</summary>
    public static Task<ImportPlan> AcceptingImportAsync(MilestonesDbContext db, IEnumerable<MilestoneFile> files, string by, TimeProvider clock, CancellationToken cancellationToken) =>
        new MilestoneChanges(db, clock, Actors.Metrics).ImportAsync(new Actor(by, new HashSet<string> { Roles.Author, Roles.Admin }, Channel.Web), files, acceptRecordedReviews: true, cancellationToken);
}
