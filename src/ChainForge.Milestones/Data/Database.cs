using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ChainForge.Milestones.Data;

/// <summary>Where the database lives and how each connection to it is set up.</summary>
public static class Database
{
    public const string ConnectionStringName = "Milestones";
    public const string DefaultFile = "data/milestones.db";

    /// <summary>
    /// The configured connection string (default: <c>data/milestones.db</c>), with a relative
    /// file resolved against <paramref name="baseDirectory"/> and its folder created.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, string baseDirectory, string? databaseFile = null)
    {
        var builder = new SqliteConnectionStringBuilder(
            databaseFile is not null ? $"Data Source={databaseFile}"
            : configuration.GetConnectionString(ConnectionStringName) ?? $"Data Source={DefaultFile}");
        var source = builder.DataSource;
        if (source.Length > 0 && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(source, baseDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return builder.ToString();
    }

    // Pooled: an unpooled context builds its options and its internal services for every
    // request, about a quarter of the CPU of the markdown export (benchmarks/LOAD.md).
    public static IServiceCollection AddMilestonesDatabase(this IServiceCollection services, string connectionString) =>
        services.AddDbContextPool<MilestonesDbContext>(options => options
            .UseSqlite(connectionString)
            .AddInterceptors(new BusyTimeout()));

    /// <summary>Applies the checked-in migrations and switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers go on while one writer saves; it is a property of the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await ReviewScopes.BackfillAsync(db, cancellationToken);
    }

    /// <summary>Waits for a busy database instead of failing at once when another writer holds it.</summary>
    private sealed class BusyTimeout : DbConnectionInterceptor
    {
        private const int Milliseconds = 5000;

        // Set on the native connection directly: the same as PRAGMA busy_timeout, without
        // preparing and running a statement on every open (every request).
        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Set(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Set(connection);
            return Task.CompletedTask;
        }

        private static void Set(DbConnection connection)
        {
            var handle = ((SqliteConnection)connection).Handle;
            SqliteException.ThrowExceptionForRC(SQLitePCL.raw.sqlite3_busy_timeout(handle, Milliseconds), handle);
        }
    }
}
