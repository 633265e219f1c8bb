using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChainForge.Milestones.Hosting;

/// <summary>
/// OpenTelemetry, switched on by <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (and the exporter's other
/// standard <c>OTEL_*</c> variables): traces of requests and database commands, and metrics of
/// requests, EF Core, Npgsql and the app's own counters (<see cref="MilestonesMetrics"/>), sent
/// over OTLP. Without the variable nothing is collected and nothing leaves the machine.
/// </summary>
public static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ServiceName = "chainforge-milestones";

    public static IServiceCollection AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[EndpointSetting]))
            return services;
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithTracing(tracing => tracing
                // A load balancer asks for health every few seconds: no trace of that.
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddMeter(MilestonesMetrics.MeterName, "Microsoft.EntityFrameworkCore", "Npgsql"))
            .UseOtlpExporter();
        return services;
    }
}
