using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <remarks>
/// New migration: <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project src/ChainForge.Milestones --output-dir Data/Migrations</c>
/// </remarks>
public sealed class MilestonesDbContext(DbContextOptions<MilestonesDbContext> options) : IdentityDbContext<IdentityUser>(options)
{
    /// <summary>
    /// A shadow column of each milestone holding its canonical file, written by every save, so
    /// that a download reads one column instead of materializing the whole milestone (about half
    /// of its CPU, benchmarks/LOAD.md). Null for a row stored before the column existed.
    /// </summary>
    public const string StoredMarkdown = "Markdown";

    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();
    public DbSet<TeamSettings> TeamSettings => Set<TeamSettings>();
    public DbSet<Revision> Revisions => Set<Revision>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MilestonesDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StoreMarkdown();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StoreMarkdown();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Every milestone written carries its export: whatever wrote it (an edit, an import, a
    // review, a restore, the seed), the stored file cannot fall behind the row.
    private void StoreMarkdown()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries<Milestone>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
                entry.Property<string?>(StoredMarkdown).CurrentValue = MarkdownExporter.Export(entry.Entity);
        }
    }
}
