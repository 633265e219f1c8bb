using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Milestones;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChainForge.Milestones.Data;

/// <summary>No foreign key to milestones: the log outlives a purged milestone.</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> audit)
    {
        audit.Property(a => a.Actor).HasMaxLength(256);
        audit.Property(a => a.Channel).HasConversion<string>().HasMaxLength(16);
        audit.Property(a => a.Action).HasConversion<string>().HasMaxLength(32);
        audit.Property(a => a.MilestoneId).HasMaxLength(MilestoneLimits.Id).UseCollation("NOCASE");
        audit.Property(a => a.Account).HasMaxLength(256);
        audit.Property(a => a.Details).HasMaxLength(MilestoneLimits.Line * 2);
        audit.HasIndex(a => new { a.Actor, a.Id });
        audit.HasIndex(a => new { a.MilestoneId, a.Id });
        audit.HasIndex(a => new { a.Action, a.Id });
    }
}
