using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests;

/// <summary>
/// The app in process, on its own SQLite file built by the migrations at start-up, as in
/// production. One factory per test class (IClassFixture), so classes never share data.
/// </summary>
public sealed class MilestonesAppFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-tests-").FullName;

    public string DatabaseFile => Path.Combine(_folder, "milestones.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting($"ConnectionStrings:{Database.ConnectionStringName}", $"Data Source={DatabaseFile};Pooling=False");
    }

    /// <summary>A DbContext on the app's database, for arranging data and checking what was stored.</summary>
    public MilestonesDbContext CreateDbContext()
    {
        var scope = Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left to the OS's temp cleaning.
        }
    }
}
