using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Data;

/// <summary>A fresh database (<see cref="TestStore"/>) built by the checked-in migrations, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private readonly TestStore _store = new();
    private ServiceProvider? _services;

    public DatabaseSettings Settings => _store.Settings;

    public async ValueTask InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddMilestonesDatabase(_store.Settings);
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
        await _store.DisposeAsync();
    }
}
