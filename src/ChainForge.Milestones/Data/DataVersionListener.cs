using System.Globalization;
using Npgsql;

namespace ChainForge.Milestones.Data;

/// <summary>
/// On PostgreSQL, each instance hears the <see cref="DataVersion"/> move on instead of asking for it
/// on every signed-in request, which was a tenth to a fifth of a milestone page's first view (benchmarks/LOAD.md):
/// the triggers send the new version (<c>pg_notify</c>) as the write commits, from any instance or
/// the command line, and one connection per instance listens. Requests read the version from the
/// database again whenever this cannot vouch for it: before it listens, when its connection has
/// failed, or when it has heard nothing, not even its own heartbeat, for a few seconds. A browser's
/// own writes are never hidden from it by a notification still on its way: see <see cref="WrittenVersion"/>.
/// </summary>
public sealed partial class DataVersionListener(DatabaseSettings settings, ILogger<DataVersionListener> logger) : BackgroundService
{
    /// <summary>Whether instances on PostgreSQL listen (true unless set to false).</summary>
    public const string Setting = "Database:ListenForDataVersion";
    public const string Channel = "data_version";
    public const string ApplicationName = "milestones: data version listener";

    /// <summary>With no notification for this long, the listener asks for the version itself: its heartbeat.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(1);

    // Three heartbeats: a busy machine may run one late without every request going back to the database.
    private const long VouchesForMilliseconds = 3000;

    private long _version = -1;
    private long _heardAt;
    private volatile bool _listening;
    private bool _failed;

    /// <summary>The latest version heard, when the listener can vouch that no later one has been committed unheard.</summary>
    public bool TryGetVersion(out long version)
    {
        version = Volatile.Read(ref _version);
        return _listening && version >= 0 && Environment.TickCount64 - Volatile.Read(ref _heardAt) < VouchesForMilliseconds;
    }

    /// <summary>A version read or written meanwhile: never goes back.</summary>
    public void Saw(long version)
    {
        var known = Volatile.Read(ref _version);
        while (version > known)
        {
            var was = Interlocked.CompareExchange(ref _version, version, known);
            if (was == known)
                return;
            known = was;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(settings.ConnectionString)
        {
            Pooling = false,
            ApplicationName = ApplicationName,
            Timeout = 5,
            CommandTimeout = 5,
        }.ConnectionString;
        var firstRetry = TimeSpan.FromMilliseconds(250);
        var retry = firstRetry;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ListenAsync(connectionString, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // Waits grow while it fails again and again; a connection that had been listening starts them afresh.
                    if (_listening)
                        retry = firstRetry;
                    (_listening, _failed) = (false, true);
                    LogNotListening(logger, exception, retry.TotalSeconds);
                    await Task.Delay(retry, stoppingToken);
                    retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the connection may end in an error of its own rather than a cancellation.
        }
        finally
        {
            // However it ends, a listener that has stopped vouches for nothing.
            _listening = false;
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, notification) =>
        {
            if (long.TryParse(notification.Payload, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                Saw(version);
                Volatile.Write(ref _heardAt, Environment.TickCount64);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
            await listen.ExecuteNonQueryAsync(stoppingToken);
        await using var read = new NpgsqlCommand(DataVersion.Query, connection);
        while (true)
        {
            // Read after LISTEN: a write committed before it is in what this reads, one after it is heard.
            Saw((long)(await read.ExecuteScalarAsync(stoppingToken))!);
            Volatile.Write(ref _heardAt, Environment.TickCount64);
            if (!_listening && _failed)
                LogListeningAgain(logger);
            (_listening, _failed) = (true, false);
            while (await connection.WaitAsync(Heartbeat, stoppingToken))
            {
                // A notification: heard, and waiting again.
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not listening for the data version; requests read it from the database until listening again in {RetrySeconds} s")]
    private static partial void LogNotListening(ILogger logger, Exception exception, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for the data version again")]
    private static partial void LogListeningAgain(ILogger logger);
}

/// <summary>
/// Carries the data version a signed-in browser's own write made to its next request, whichever
/// instance that goes to: after a signed-in request that may write (any but GET, HEAD, OPTIONS),
/// the version is read and sent in a cookie, and a request whose cookie is ahead of what the
/// listener has heard reads the version from the database. So a save is on the very next page, as
/// on SQLite. (A sign-in's new security stamp needs no cookie: the session check asks the database
/// whenever a stamp disagrees with the one it keeps, Accounts/Sessions.cs.)
/// </summary>
public static class WrittenVersion
{
    public const string CookieName = "milestones.written";

    /// <summary>The version this request's browser last wrote at, or -1.</summary>
    public static long Of(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Request.Cookies.TryGetValue(CookieName, out var value)
            && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1;
    }

    /// <summary>The listener for PostgreSQL (unless <see cref="DataVersionListener.Setting"/> is false); nothing on SQLite.</summary>
    public static IServiceCollection AddDataVersionListener(this IServiceCollection services, IConfiguration configuration, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider is DatabaseProvider.PostgreSQL && configuration.GetValue(DataVersionListener.Setting, true))
        {
            services.AddSingleton<DataVersionListener>();
            services.AddHostedService(provider => provider.GetRequiredService<DataVersionListener>());
        }
        return services;
    }

    public static IApplicationBuilder UseWrittenVersion(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<DataVersionListener>() is not { } listener)
            return app;
        return app.Use((context, next) =>
        {
            var method = context.Request.Method;
            if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method))
                context.Response.OnStarting(() => context.User.Identity?.IsAuthenticated == true ? SendAsync(context, listener) : Task.CompletedTask);
            return next(context);
        });
    }

    // As the response starts, the request's writes have committed.
    private static async Task SendAsync(HttpContext context, DataVersionListener listener)
    {
        long version;
        try
        {
            version = await DataVersion.ReadAsync(context.RequestServices.GetRequiredService<MilestonesDbContext>(), context.RequestAborted);
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The cookie only spares a later request's wait for a notification: the answer goes out
            // without it (the browser gone, the database out of reach) rather than failing.
            return;
        }
        listener.Saw(version);
        if (version > Of(context))
        {
            context.Response.Cookies.Append(CookieName, version.ToString(CultureInfo.InvariantCulture), new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
                Path = "/",
            });
        }
    }
}
