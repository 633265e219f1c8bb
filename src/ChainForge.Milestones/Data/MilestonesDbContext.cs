using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <remarks>
/// New migration: <c>dotnet ef migrations add NAME --project src/ChainForge.Milestones --output-dir Data/Migrations</c>
/// </remarks>
public sealed class MilestonesDbContext(DbContextOptions<MilestonesDbContext> options) : DbContext(options)
{
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<Revision> Revisions => Set<Revision>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MilestonesDbContext).Assembly);
}
