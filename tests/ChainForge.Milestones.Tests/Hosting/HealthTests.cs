using System.Net;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChainForge.Milestones.Tests.Hosting;

public sealed class HealthTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_anyone_before_any_account_exists(string path)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri(path, UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task A_database_without_this_builds_migrations_is_not_ready()
    {
        await using var store = new TestStore();
        await using var services = new ServiceCollection().AddMilestonesDatabase(store.Settings).BuildServiceProvider();
        using var scope = services.CreateScope();

        var result = await new Health.DatabaseReady(scope.ServiceProvider.GetRequiredService<MilestonesDbContext>())
            .CheckHealthAsync(new HealthCheckContext(), Cancellation);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.EndsWith("migration(s) not applied", result.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_does_not_answer_is_not_ready()
    {
        var nowhere = TestStore.Provider is DatabaseProvider.PostgreSQL
            ? DatabaseSettings.PostgreSql("Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2")
            : DatabaseSettings.Sqlite($"Data Source={Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "none.db")};Mode=ReadOnly");
        await using var services = new ServiceCollection().AddMilestonesDatabase(nowhere).BuildServiceProvider();
        using var scope = services.CreateScope();

        var result = await new Health.DatabaseReady(scope.ServiceProvider.GetRequiredService<MilestonesDbContext>())
            .CheckHealthAsync(new HealthCheckContext(), Cancellation);

        // PostgreSQL refuses the connection; SQLite finds no file, so none of the migrations.
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }
}
