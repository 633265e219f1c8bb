using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests;

/// <summary>People who ask the write path for changes, as a web request would name them.</summary>
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

    public static Actor Author(string name = "ana") => With(name, Roles.Author);

    public static Actor Reviewer(string name = "priya") => With(name, Roles.Reviewer);

    public static Actor Admin(string name = "root") => With(name, Roles.Author, Roles.Admin);

    public static Actor With(string name, params string[] roles) => new(name, roles.ToHashSet(), Channel.Web);

    /// <summary>
    /// An administrator's import that accepts the reviews the files state: how tests put a
    /// milestone with its approvals in place, as a team moving its files in would.
    /// </summary>
    public static Task<ImportPlan> AcceptingImportAsync(MilestonesDbContext db, IEnumerable<MilestoneFile> files, string by, TimeProvider clock, CancellationToken cancellationToken) =>
        Actors.Changes(db, clock).ImportAsync(Admin(by), files, acceptRecordedReviews: true, cancellationToken);
}
