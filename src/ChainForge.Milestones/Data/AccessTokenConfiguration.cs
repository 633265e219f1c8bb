using ChainForge.Milestones.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChainForge.Milestones.Data;

/// <summary>Tokens are found by their hash on every API request, and listed by their person.</summary>
internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessToken>
{
    public void Configure(EntityTypeBuilder<AccessToken> token)
    {
        token.HasKey(t => t.Id);
        token.Property(t => t.UserName).HasMaxLength(256);
        token.Property(t => t.Name).HasMaxLength(AccessToken.MaxNameLength);
        token.Property(t => t.Hash).HasMaxLength(64);
        token.Property(t => t.Scopes).HasConversion<int>();
        token.Property(t => t.RevokedBy).HasMaxLength(256);
        token.HasIndex(t => t.Hash).IsUnique();
        token.HasIndex(t => t.UserName);
    }
}
