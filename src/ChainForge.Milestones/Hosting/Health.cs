using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ChainForge.Milestones.Hosting;

/// <summary>
/// What a load balancer and an orchestrator ask: <c>/health/live</c>, the process answers;
/// <c>/health/ready</c>, the database answers and has every migration this build knows (503
/// otherwise). Anonymous, answered before sign-in, setup and routing, and logged by nobody.
/// </summary>
public static class Health
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReady>("database", tags: [ReadyTag]);
        return services;
    }

    public static IApplicationBuilder UseHealth(this IApplicationBuilder app)
    {
        app.UseHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    /// <summary>The database answers, and its schema is this build's: no migration is pending.</summary>
    internal sealed class DatabaseReady(MilestonesDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
                return pending.Count == 0
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("the database does not answer");
            }
        }
    }
}
