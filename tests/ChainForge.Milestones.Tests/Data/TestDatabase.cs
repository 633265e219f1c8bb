using ChainForge.Milestones.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>A fresh SQLite file built by the checked-in migrations, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-db-").FullName;
    private ServiceProvider? _services;

    public string File => Path.Combine(_folder, "milestones.db");

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddMilestonesDatabase($"Data Source={File};Pooling=False");
        _services = services.BuildServiceProvider();
        await Database.MigrateAsync(_services, TestContext.Current.CancellationToken);
    }

    /// <summary>A new context, as each request or command gets one.</summary>
    public MilestonesDbContext CreateContext() =>
        _services!.CreateScope().ServiceProvider.GetRequiredService<MilestonesDbContext>();

    public async Task<int> CountAsync()
    {
        await using var db = CreateContext();
        return await db.Milestones.CountAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
