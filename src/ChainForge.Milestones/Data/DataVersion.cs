using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Data;

/// <summary>
/// A number that triggers move on with every write to milestones, review decisions and team
/// settings (migration <c>DataVersion</c>), whichever process made it: an edit in the app, an
/// import from the command line, a cascade. Equal numbers mean the pages show the same data.
/// </summary>
public static class DataVersion
{
    public static async Task<long> ReadAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A plain command on the context's connection: the page cache asks on every request,
        // and this costs a fraction of an EF Core query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """SELECT "Value" FROM "DataVersion" WHERE "Id" = 1""";
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
