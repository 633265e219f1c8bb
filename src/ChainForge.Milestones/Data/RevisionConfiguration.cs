using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChainForge.Milestones.Data;

/// <summary>Revisions have their own table: rows with identity, listed and compared on their own.</summary>
internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> revision)
    {
        revision.HasKey(r => r.Id);
        // The same collation as the milestone's key, so the foreign key matches M-007 and m-007 alike.
        revision.Property(r => r.MilestoneId).HasMaxLength(MilestoneLimits.Id).UseCollation("NOCASE");
        revision.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        revision.Property(r => r.Author).HasMaxLength(MilestoneLimits.Line);
        revision.Property(r => r.TechnicalHash).HasMaxLength(64);
        revision.Property(r => r.BusinessHash).HasMaxLength(64);
        revision.HasOne<Milestone>().WithMany().HasForeignKey(r => r.MilestoneId).OnDelete(DeleteBehavior.Cascade);
        revision.HasIndex(r => new { r.MilestoneId, r.Number }).IsUnique();
    }
}
