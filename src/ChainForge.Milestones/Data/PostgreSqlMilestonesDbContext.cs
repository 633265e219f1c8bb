using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChainForge.Milestones.Data;

/// <summary>The store on PostgreSQL: its migrations are in <c>Data/Migrations/PostgreSql</c>.</summary>
public sealed class PostgreSqlMilestonesDbContext(DbContextOptions<PostgreSqlMilestonesDbContext> options) : MilestonesDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Milestone IDs compare without case (SQLite's NOCASE collation in the configurations);
        // PostgreSQL has no NOCASE: its case-insensitive text is citext, for comparisons, keys and LIKE alike.
        builder.HasPostgresExtension("citext");
        // The sort keys compare by code point, as SQLite's do, not by the database's language
        // (whose collations pass over punctuation).
        var milestone = builder.Entity<ChainForge.Milestones.Milestones.Milestone>();
        milestone.Property<string?>(IdOrder).UseCollation("C");
        milestone.Property<string?>(TitleOrder).UseCollation("C");
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.GetCollation() == "NOCASE")
            {
                property.SetCollation(null);
                property.SetColumnType("citext");
            }
        }
    }

    /// <summary>For <c>dotnet ef migrations add</c>, which needs no database to compare the model with the snapshot.</summary>
    internal sealed class DesignTime : IDesignTimeDbContextFactory<PostgreSqlMilestonesDbContext>
    {
        public PostgreSqlMilestonesDbContext CreateDbContext(string[] args) =>
            new((DbContextOptions<PostgreSqlMilestonesDbContext>)Data.Database.UsePostgreSql(new DbContextOptionsBuilder<PostgreSqlMilestonesDbContext>(), "Host=localhost;Database=design-time").Options);
    }
}
