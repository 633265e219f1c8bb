using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>The app on a real Kestrel port, on its own migrated database (TestStore: SQLite here, PostgreSQL in ChainForge.Milestones.PostgreSqlBrowserTests), for a browser to visit.</summary>
public sealed class BrowserAppFactory : WebApplicationFactory<Program>
{
    private readonly Tests.TestStore _store = new();

    public BrowserAppFactory() => UseKestrel(0);

    /// <summary>Starts the server on first use and gives its address, such as http://127.0.0.1:41234.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseUrls("http://127.0.0.1:0");
        foreach (var (key, value) in _store.Configuration)
            builder.UseSetting(key, value);
        // Every test signs in from the same address.
        builder.UseSetting(ChainForge.Milestones.Accounts.SignInLimits.AttemptsPerMinuteSetting, "100000");
        // Tests arrange data straight in the database and look at the next page at once, which a
        // notification still on its way would race: DataVersionListenerTests and the tests of
        // instances in processes of their own (SeveralInstancesTests) listen.
        builder.UseSetting(ChainForge.Milestones.Data.DataVersionListener.Setting, "false");
    }

    public MilestonesDbContext CreateDbContext() =>
        Services.CreateScope().ServiceProvider.GetRequiredService<MilestonesDbContext>();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _store.DisposeAsync();
    }
}
