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
    internal const string Query = """SELECT "Value" FROM "DataVersion" WHERE "Id" = 1""";

    public static async Task<long> ReadAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A plain command on the context's connection: the page cache asks on every request,
        // and this costs a fraction of an EF Core query.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = Query;
            // Npgsql keeps it prepared on each pooled connection, found again by its text: parsed and planned once.
            await command.PrepareAsync(cancellationToken);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The version as this request first learned it: the session check and the page cache ask once
    /// between them. On PostgreSQL the listener gives it without a round trip when it can vouch for
    /// it and the browser wrote no later version.
    /// </summary>
    public static async Task<long> ForRequestAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(typeof(DataVersion), out var known) && known is long version)
            return version;
        var services = context.RequestServices;
        if (services.GetService<SqliteDataVersionReader>() is { } sqlite)
            version = sqlite.Read();
        else if (services.GetService<DataVersionListener>() is not { } listener)
            version = await ReadAsync(services.GetRequiredService<MilestonesDbContext>(), cancellationToken);
        else if (!listener.TryGetVersion(out version) || version < WrittenVersion.Of(context))
        {
            version = await ReadAsync(services.GetRequiredService<MilestonesDbContext>(), cancellationToken);
            listener.Saw(version);
        }
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
        // One function for every table's triggers: a statement moves the version on once,
        // however many rows it wrote.
        if (migrationBuilder.IsNpgsql())
            migrationBuilder.Sql(MoveOnFunction(notify: false));
    }

    /// <summary>For a migration (PostgreSQL): whether moving the version on tells the instances' listeners (<see cref="DataVersionListener"/>).</summary>
    public static void NotifyListeners(MigrationBuilder migrationBuilder, bool notify)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(MoveOnFunction(notify));
    }

    // NOTIFY is delivered when the writing transaction commits, and only then; a listener that
    // hears the number sees the data it stands for.
    private static string MoveOnFunction(bool notify) => $"""
        CREATE OR REPLACE FUNCTION "DataVersion_MoveOn"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE moved bigint;
        BEGIN
            UPDATE "DataVersion" SET "Value" = "Value" + 1 WHERE "Id" = 1 RETURNING "Value" INTO moved;
            {(notify ? $"PERFORM pg_notify('{DataVersionListener.Channel}', moved::text);" : "")}
            RETURN NULL;
        END;
        $$;
        """;

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
