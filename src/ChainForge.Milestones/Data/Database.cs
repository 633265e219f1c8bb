using System.Data.Common;
using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace ChainForge.Milestones.Data;

/// <summary>The engines the store runs on: SQLite embedded (the default), PostgreSQL for a team's service.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSQL,
}

/// <summary>Which engine, and the connection string to it.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseSettings Sqlite(string connectionString) => new(DatabaseProvider.Sqlite, connectionString);

    /// <summary>
    /// Unless the connection string says otherwise: connections go back to the pool without a reset
    /// (Npgsql's DISCARD ALL or its like, sent with the next command), since the app keeps no session
    /// state on a connection (its advisory locks end with their transactions), and the reset cost a
    /// milestone page's first view a fifth of its CPU; and each connection reads through a 64 KB
    /// buffer instead of 8 KB, so that a page's row (tens of kilobytes) comes in one or two reads
    /// instead of several (benchmarks/LOAD.md).
    /// </summary>
    public static DatabaseSettings PostgreSql(string connectionString)
    {
        // The generic builder holds only the keys given (Npgsql's answers for all of its own).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var used = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("NoResetOnClose"))
            used.NoResetOnClose = true;
        if (!given.Contains("ReadBufferSize"))
            used.ReadBufferSize = 64 * 1024;
        return new(DatabaseProvider.PostgreSQL, used.ConnectionString);
    }
}

/// <summary>Where the database lives and how each connection to it is set up.</summary>
public static class Database
{
    public const string ConnectionStringName = "Milestones";
    public const string ProviderSetting = "Database:Provider";
    public const string DefaultFile = "data/milestones.db";

    /// <summary>
    /// The configured engine and connection string: <c>Database:Provider</c> (<c>Sqlite</c>, the
    /// default, or <c>PostgreSQL</c>) and <c>ConnectionStrings:Milestones</c>. A SQLite file (default
    /// <c>data/milestones.db</c>) is resolved against <paramref name="baseDirectory"/> and its folder
    /// created; <paramref name="databaseFile"/> (the command line's <c>--db</c>) means that SQLite file.
    /// </summary>
    public static DatabaseSettings Settings(IConfiguration configuration, string baseDirectory, string? databaseFile = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (databaseFile is null && Provider(configuration) is DatabaseProvider.PostgreSQL)
        {
            return DatabaseSettings.PostgreSql(configured
                ?? throw new InvalidOperationException($"{ProviderSetting} is PostgreSQL: set ConnectionStrings:{ConnectionStringName} (e.g. Host=db;Database=milestones;Username=milestones)."));
        }
        var builder = new SqliteConnectionStringBuilder(
            databaseFile is not null ? $"Data Source={databaseFile}" : configured ?? $"Data Source={DefaultFile}");
        var source = builder.DataSource;
        if (source.Length > 0 && source != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(source, baseDirectory);
            Directory.CreateDirectory(Path.GetDirectoryName(builder.DataSource)!);
        }
        return DatabaseSettings.Sqlite(builder.ToString());
    }

    private static DatabaseProvider Provider(IConfiguration configuration)
    {
        var name = configuration[ProviderSetting];
        if (string.IsNullOrWhiteSpace(name))
            return DatabaseProvider.Sqlite;
        return Enum.TryParse<DatabaseProvider>(name.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"{ProviderSetting} is '{name}': it is Sqlite or PostgreSQL.");
    }

    // Pooled: an unpooled context builds its options and its internal services for every
    // request, about a quarter of the CPU of the markdown export (benchmarks/LOAD.md).
    // Each engine has its own context type, which names its own migrations; the model is one.
    public static IServiceCollection AddMilestonesDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddLogging();
        services.AddMetrics();
        services.TryAddSingleton<MilestonesMetrics>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddSingleton(settings);
        if (settings.Provider is DatabaseProvider.Sqlite)
            services.TryAddSingleton(_ => new SqliteDataVersionReader(settings.ConnectionString));
        return settings.Provider switch
        {
            DatabaseProvider.PostgreSQL => services.AddDbContextPool<MilestonesDbContext, PostgreSqlMilestonesDbContext>((provider, options) =>
                UsePostgreSql(options, settings.ConnectionString).AddInterceptors(provider.GetRequiredService<AuditTrail>())),
            _ => services.AddDbContextPool<MilestonesDbContext, SqliteMilestonesDbContext>((provider, options) =>
                UseSqlite(options, settings.ConnectionString).AddInterceptors(provider.GetRequiredService<AuditTrail>())),
        };
    }

    internal static DbContextOptionsBuilder UseSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString).AddInterceptors(new BusyTimeout());

    internal static DbContextOptionsBuilder UsePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).AddInterceptors(new OneWriterAtATime());

    /// <summary>Applies the checked-in migrations of the engine, and (SQLite) switches the file to write-ahead logging.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
        // WAL lets readers go on while one writer saves; it is a property of the file.
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        await ReviewScopes.BackfillAsync(db, cancellationToken);
        await MilestoneSearch.BackfillAsync(db, cancellationToken);
        await RevisionTaskCounts.BackfillAsync(db, cancellationToken);
        await PageFactsBackfill.RunAsync(db, cancellationToken);
        // The approval signing key is made at first start (and with it the first Data Protection
        // key, before any transaction that would wait on its own write); approvals recorded before
        // there was a key are signed.
        if (scope.ServiceProvider.GetService<ApprovalSigner>() is { } signer)
        {
            await signer.PublicKeyPemAsync(db, cancellationToken);
            await signer.BackfillAsync(db, cancellationToken);
        }
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

    /// <summary>
    /// Makes PostgreSQL's transactions take turns, as SQLite's do (Microsoft.Data.Sqlite begins them
    /// IMMEDIATE): each holds one advisory lock from its first statement to its end. The write path
    /// reads, judges and writes in one transaction (the version a save was made from, the first
    /// administrator, the last one); under READ COMMITTED two of them could both judge before either
    /// wrote. Taking turns also keeps the triggers' updates of the data version from deadlocking.
    /// Reads take no transaction and never wait.
    /// </summary>
    private sealed class OneWriterAtATime : DbTransactionInterceptor
    {
        private const string Lock = "SELECT pg_advisory_xact_lock(4242001)";

        public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            using var command = connection.CreateCommand();
            command.Transaction = result;
            command.CommandText = Lock;
            command.ExecuteNonQuery();
            return result;
        }

        public override async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = result;
            command.CommandText = Lock;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return result;
        }
    }
}
