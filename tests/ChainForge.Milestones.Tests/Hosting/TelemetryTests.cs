using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace ChainForge.Milestones.Tests.Hosting;

/// <summary>Telemetry goes out over OTLP when, and only when, an endpoint is configured.</summary>
public sealed class TelemetryTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Without_an_endpoint_nothing_is_collected()
    {
        Assert.Null(app.Services.GetService<TracerProvider>());
    }

    [Fact]
    public async Task With_an_endpoint_traces_of_requests_and_database_commands_and_the_apps_counters_are_sent_over_OTLP()
    {
        var folder = Directory.CreateTempSubdirectory("milestones-otlp-").FullName;
        await using var store = new TestStore();
        store.WriteAppSettings(folder);
        var file = Path.Combine(folder, "M-950.md");
        await File.WriteAllTextAsync(file, MarkdownExporter.Export(Arrange.Named("M-950")), Cancel);
        Assert.Equal(0, await CommandLine.RunAsync(["user", "create", "ana", "--role", "Author", "--password", MilestonesAppFactory.Password, "--keep-password"], TextWriter.Null, TextWriter.Null, folder, folder));
        Assert.Equal(0, await CommandLine.RunAsync(["import", file], TextWriter.Null, TextWriter.Null, folder, folder));
        using var collector = new OtlpCollector();
        var configuration = new Dictionary<string, string>(store.Configuration)
        {
            [Telemetry.EndpointSetting] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        await using var process = await AppProcess.StartAsync(configuration, folder);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = process.Address };
        var login = await HtmlPage.GetAsync(client, "/account/login");
        await login.SubmitAsync(client, changes: new Dictionary<string, string> { ["Input.UserName"] = "ana", ["Input.Password"] = MilestonesAppFactory.Password });
        for (var i = 0; i < 3; i++)
            await HtmlPage.GetAsync(client, "/milestones/M-950");

        var traces = await collector.WaitForAsync("/v1/traces", body => body.Contains("GET milestones/{id}", StringComparison.Ordinal) && body.Contains("FROM \"Milestones\"", StringComparison.Ordinal));
        var metrics = await collector.WaitForAsync("/v1/metrics", body => body.Contains("milestones.page_cache.hits", StringComparison.Ordinal));

        Assert.Contains(Telemetry.ServiceName, traces, StringComparison.Ordinal);
        Assert.Contains("http.server.request.duration", metrics, StringComparison.Ordinal);
        Assert.DoesNotContain(MilestonesAppFactory.Password, string.Concat(collector.Received.Select(r => r.Body)), StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>An OTLP/HTTP endpoint that keeps what it is sent (protobuf: the names are plain UTF-8 in it).</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener _listener = new();

        public ConcurrentQueue<(string Path, string Body)> Received { get; } = new();

        public string Address { get; }

        public OtlpCollector()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            var port = ((IPEndPoint)socket.LocalEndpoint).Port;
            socket.Stop();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add($"{Address}/");
            _listener.Start();
            _ = Task.Run(ReceiveAsync);
        }

        private async Task ReceiveAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                Received.Enqueue((context.Request.Url!.AbsolutePath, Encoding.UTF8.GetString(body.ToArray())));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        public async Task<string> WaitForAsync(string path, Func<string, bool> wanted)
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var all = string.Concat(Received.Where(r => r.Path == path).Select(r => r.Body));
                if (wanted(all))
                    return all;
                await Task.Delay(200, Cancel);
            }
            throw new InvalidOperationException($"nothing wanted arrived at {path}; received: {string.Join(", ", Received.Select(r => r.Path))}");
        }

        public void Dispose() => _listener.Close();
    }
}
