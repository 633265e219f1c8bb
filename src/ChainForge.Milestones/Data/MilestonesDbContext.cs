using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
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
    public DbSet<Milestone> Milestones => Set<Milestone>();
    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();
    public DbSet<TeamSettings> TeamSettings => Set<TeamSettings>();
    public DbSet<Revision> Revisions => Set<Revision>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MilestonesDbContext).Assembly);
    }
}
