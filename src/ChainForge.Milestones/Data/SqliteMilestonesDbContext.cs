using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ChainForge.Milestones.Data;

/// <summary>The store on SQLite: its migrations are in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteMilestonesDbContext(DbContextOptions<SqliteMilestonesDbContext> options) : MilestonesDbContext(options)
{
    /// <summary>For <c>dotnet ef migrations add</c>, which needs no database to compare the model with the snapshot.</summary>
    internal sealed class DesignTime : IDesignTimeDbContextFactory<SqliteMilestonesDbContext>
    {
        public SqliteMilestonesDbContext CreateDbContext(string[] args) =>
            new((DbContextOptions<SqliteMilestonesDbContext>)Data.Database.UseSqlite(new DbContextOptionsBuilder<SqliteMilestonesDbContext>(), "Data Source=design-time.db").Options);
    }
}
