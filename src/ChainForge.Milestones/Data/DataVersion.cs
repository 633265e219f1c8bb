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

    /// <summary>The version as this request first read it: the session check and the page cache ask once between them.</summary>
    public static async Task<long> ForRequestAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(DataVersion), out var known) && known is long version)
            return version;
        version = await ReadAsync(context.RequestServices.GetRequiredService<MilestonesDbContext>(), cancellationToken);
        context.Items[typeof(DataVersion)] = version;
        return version;
    }

    private static readonly string[] Writes = ["INSERT", "UPDATE", "DELETE"];

    /// <summary>For a migration: every write to <paramref name="table"/> moves the version on.</summary>
    public static void AddTriggers(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var write in Writes)
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER "{table}_{write}_DataVersion" AFTER {write} ON "{table}"
                BEGIN
                    UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                END;
                """);
        }
    }

    public static void DropTriggers(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var write in Writes)
            migrationBuilder.Sql($"""DROP TRIGGER "{table}_{write}_DataVersion";""");
    }
}
