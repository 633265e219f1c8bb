using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ChainForge.Milestones.Data;

/// <summary>
/// A number that triggers move on with every write to the tables the pages show (milestones,
/// review decisions, team settings, comments, updates, accounts), whichever process made it: an edit in the app, an
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
            // Npgsql keeps it prepared on each pooled connection, found again by its text: parsed and planned once.
            await command.PrepareAsync(cancellationToken);
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
        version = context.RequestServices.GetService<SqliteDataVersionReader>() is { } sqlite
            ? sqlite.Read()
            : await ReadAsync(context.RequestServices.GetRequiredService<MilestonesDbContext>(), cancellationToken);
        context.Items[typeof(DataVersion)] = version;
        return version;
    }

    private static readonly string[] Writes = ["INSERT", "UPDATE", "DELETE"];

    /// <summary>For a migration: the table holding the one number, at 0.</summary>
    public static void CreateTable(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        var integer = migrationBuilder.IsNpgsql() ? "bigint" : "INTEGER";
        migrationBuilder.Sql($"""CREATE TABLE "DataVersion" ("Id" {integer} NOT NULL PRIMARY KEY CHECK ("Id" = 1), "Value" {integer} NOT NULL);""");
        migrationBuilder.Sql("""INSERT INTO "DataVersion" ("Id", "Value") VALUES (1, 0);""");
        if (migrationBuilder.IsNpgsql())
        {
            // One function for every table's triggers: a statement moves the version on once,
            // however many rows it wrote.
            migrationBuilder.Sql("""
                CREATE FUNCTION "DataVersion_MoveOn"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                    RETURN NULL;
                END;
                $$;
                """);
        }
    }

    /// <summary>For a migration: every write to <paramref name="table"/> moves the version on.</summary>
    public static void AddTriggers(MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var write in Writes)
        {
            migrationBuilder.Sql(migrationBuilder.IsNpgsql()
                ? $"""
                    CREATE TRIGGER "{table}_{write}_DataVersion" AFTER {write} ON "{table}"
                    FOR EACH STATEMENT EXECUTE FUNCTION "DataVersion_MoveOn"();
                    """
                : $"""
                    CREATE TRIGGER "{table}_{write}_DataVersion" AFTER {write} ON "{table}"
                    BEGIN
                        UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1;
                    END;
                    """);
        }
    }

    public static void DropTriggers(MigrationBuilder migrationBuilder, string table)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var write in Writes)
        {
            migrationBuilder.Sql(migrationBuilder.IsNpgsql()
                ? $"""DROP TRIGGER "{table}_{write}_DataVersion" ON "{table}";"""
                : $"""DROP TRIGGER "{table}_{write}_DataVersion";""");
        }
    }
}
