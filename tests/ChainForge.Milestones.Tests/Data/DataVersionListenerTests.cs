using ChainForge.Milestones.Data;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChainForge.Milestones.Tests.Data;

public sealed class DataVersionListenerTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private ServiceProvider? _services;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private DataVersionListener Listener => _services!.GetRequiredService<DataVersionListener>();

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        if (TestStore.Provider is not DatabaseProvider.PostgreSQL)
            return;
        _services = Services(new Dictionary<string, string?>(), _database.Settings).BuildServiceProvider();
        await Listener.StartAsync(Cancellation);
    }

    private static ServiceCollection Services(Dictionary<string, string?> configuration, DatabaseSettings settings)
    {
        var services = new ServiceCollection();
        services.AddMilestonesDatabase(settings);
        services.AddDataVersionListener(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build(), settings);
        return services;
    }

    private static void OnPostgreSql() =>
        Assert.SkipUnless(TestStore.Provider is DatabaseProvider.PostgreSQL, "PostgreSQL's listener; SQLite reads the version on a kept connection");

    [Fact]
    public void Only_an_app_on_PostgreSQL_listens_unless_told_not_to()
    {
        static bool Listens(Dictionary<string, string?> configuration, DatabaseSettings settings) =>
            Services(configuration, settings).Any(service => service.ServiceType == typeof(DataVersionListener));
        var postgreSql = DatabaseSettings.PostgreSql("Host=db;Database=milestones");

        Assert.True(Listens([], postgreSql));
        Assert.False(Listens(new() { [DataVersionListener.Setting] = "false" }, postgreSql));
        Assert.False(Listens([], DatabaseSettings.Sqlite("Data Source=milestones.db")));
    }

    [Fact]
    public async Task A_committed_write_sends_the_version_it_made()
    {
        OnPostgreSql();
        await using var listening = new NpgsqlConnection(_database.Settings.ConnectionString);
        await listening.OpenAsync(Cancellation);
        string? sent = null;
        listening.Notification += (_, notification) => sent = notification.Payload;
        await using (var listen = new NpgsqlCommand($"LISTEN {DataVersionListener.Channel}", listening))
            await listen.ExecuteNonQueryAsync(Cancellation);

        await AddMilestoneAsync("M-001");

        Assert.True(await listening.WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
        Assert.Equal((await ReadAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture), sent);
    }

    [Fact]
    public async Task The_listener_hears_a_write_made_elsewhere()
    {
        OnPostgreSql();
        await VouchesForAsync(await ReadAsync());

        await AddMilestoneAsync("M-001");

        await VouchesForAsync(await ReadAsync());
    }

    [Fact]
    public async Task A_cut_connection_is_opened_again_and_what_was_written_meanwhile_is_heard()
    {
        OnPostgreSql();
        await VouchesForAsync(await ReadAsync());

        await using (var connection = new NpgsqlConnection(_database.Settings.ConnectionString))
        {
            await connection.OpenAsync(Cancellation);
            await using var cut = new NpgsqlCommand(
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{DataVersionListener.ApplicationName}' AND datname = current_database()", connection);
            Assert.Equal(true, await cut.ExecuteScalarAsync(Cancellation));
        }
        await AddMilestoneAsync("M-001");

        await VouchesForAsync(await ReadAsync());
    }

    [Fact]
    public async Task A_request_takes_the_heard_version_unless_its_browser_wrote_a_later_one()
    {
        OnPostgreSql();
        var stored = await ReadAsync();
        await VouchesForAsync(stored);
        // Heard, as it were, ahead of the database: which of the two a request gets tells where it came from.
        Listener.Saw(stored + 100);

        Assert.Equal(stored + 100, await ForRequestAsync(writtenCookie: null));
        Assert.Equal(stored + 100, await ForRequestAsync(writtenCookie: stored + 100));
        Assert.Equal(stored, await ForRequestAsync(writtenCookie: stored + 101));
    }

    [Fact]
    public async Task A_stopped_listener_vouches_for_nothing()
    {
        OnPostgreSql();
        await VouchesForAsync(await ReadAsync());

        await Listener.StopAsync(Cancellation);

        Assert.False(Listener.TryGetVersion(out _));
    }

    private async Task<long> ForRequestAsync(long? writtenCookie)
    {
        await using var scope = _services!.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        if (writtenCookie is { } version)
            context.Request.Headers.Cookie = $"{WrittenVersion.CookieName}={version}";
        return await DataVersion.ForRequestAsync(context, Cancellation);
    }

    private async Task VouchesForAsync(long version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        long heard = -1;
        while (DateTime.UtcNow < deadline && !(Listener.TryGetVersion(out heard) && heard == version))
            await Task.Delay(20, Cancellation);
        Assert.Equal(version, heard);
    }

    private async Task<long> ReadAsync()
    {
        await using var db = _database.CreateContext();
        return await DataVersion.ReadAsync(db, Cancellation);
    }

    private async Task AddMilestoneAsync(string id)
    {
        await using var db = _database.CreateContext();
        db.Milestones.Add(Arrange.Named(id));
        await db.SaveChangesAsync(Cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await Listener.StopAsync(CancellationToken.None);
            await _services.DisposeAsync();
        }
        await _database.DisposeAsync();
    }
}
