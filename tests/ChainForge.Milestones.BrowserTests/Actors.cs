using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.BrowserTests;

internal static class Actors
{
    /// <summary>Counters nobody reads, for a write path a test makes by hand.</summary>
    public static MilestonesMetrics Metrics { get; } =
        new(new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    /// <summary>
    /// The write path for a test's own database, or an app's (its context knows the app's
    /// services): an app signs approvals with the key its own Data Protection keys protect.
    /// </summary>
    public static MilestoneChanges Changes(MilestonesDbContext db, TimeProvider clock) =>
        new(db, clock, Metrics,
            db.GetService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>().FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<global::ChainForge.Milestones.Milestones.Reviews.ApprovalSigner>()
            ?? StandaloneSigner);

    private static readonly global::ChainForge.Milestones.Milestones.Reviews.ApprovalSigner StandaloneSigner = new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());

    /// <summary>An administrator's import that accepts the reviews the files state: how a test puts a milestone with its approvals in place.</summary>
    public static Task<ImportPlan> AcceptingImportAsync(MilestonesDbContext db, IEnumerable<MilestoneFile> files, string by, TimeProvider clock, CancellationToken cancellationToken) =>
        Actors.Changes(db, clock).ImportAsync(new Actor(by, new HashSet<string> { Roles.Author, Roles.Admin }, Channel.Web), files, acceptRecordedReviews: true, cancellationToken);
}
