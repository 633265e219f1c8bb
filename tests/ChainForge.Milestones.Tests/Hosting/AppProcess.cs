using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChainForge.Milestones.Tests.Hosting;

/// <summary>
/// The app as an operator runs it: its own process (<c>dotnet ChainForge.Milestones.dll</c>) on a
/// free port of loopback, configured by environment variables, ready once <c>/health/ready</c> says so.
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    public Uri Address { get; }

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public string Log
    {
        get
        {
            lock (_log)
                return _log.ToString();
        }
    }

    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> configuration, string folder, int? port = null)
    {
        var address = new Uri($"http://127.0.0.1:{port ?? FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString().TrimEnd('/'));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        // A home of its own, as on a machine of its own: nothing kept there (Data Protection's
        // default key folder) is shared with the other instances.
        start.Environment["HOME"] = Directory.CreateTempSubdirectory("milestones-home-").FullName;
        foreach (var (key, value) in configuration)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = new Process { StartInfo = start };
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync();
        return app;
    }

    private void Append(string? line)
    {
        lock (_log)
            _log.AppendLine(line);
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
        throw new InvalidOperationException($"the app at {Address} did not become ready:\n{Log}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        Directory.Delete(_process.StartInfo.Environment["HOME"]!, recursive: true);
        _process.Dispose();
    }
}
