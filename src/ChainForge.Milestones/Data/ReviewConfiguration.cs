using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChainForge.Milestones.Data;

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> decision)
    {
        decision.Property(d => d.MilestoneId).HasMaxLength(MilestoneLimits.Id).UseCollation("NOCASE");
        decision.Property(d => d.Kind).HasConversion<string>().HasMaxLength(16);
        decision.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        decision.Property(d => d.Source).HasConversion<string>().HasMaxLength(16);
        decision.Property(d => d.Reviewer).HasMaxLength(MilestoneLimits.Line);
        decision.Property(d => d.RecordedBy).HasMaxLength(256);
        decision.Property(d => d.Signature).HasMaxLength(128);
        decision.HasOne<Milestone>().WithMany().HasForeignKey(d => d.MilestoneId).OnDelete(DeleteBehavior.Cascade);
        decision.HasIndex(d => new { d.MilestoneId, d.Kind, d.Id });
    }
}

internal sealed class ApprovalSigningKeyConfiguration : IEntityTypeConfiguration<ApprovalSigningKey>
{
    public void Configure(EntityTypeBuilder<ApprovalSigningKey> key) =>
        key.Property(k => k.Id).ValueGeneratedNever();
}

internal sealed class TeamSettingsConfiguration : IEntityTypeConfiguration<TeamSettings>
{
    public void Configure(EntityTypeBuilder<TeamSettings> settings) =>
        settings.Property(s => s.Id).ValueGeneratedNever();
}
