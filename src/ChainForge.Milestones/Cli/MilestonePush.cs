using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChainForge.Milestones.Cli;

/// <summary>
/// <c>push FILE-OR-FOLDER... --server URL</c>: the files back to the server, all or nothing, each
/// with the version <c>pull</c> kept beside it (<see cref="MilestonePull.VersionsFile"/>); a file
/// without one is a new milestone. A file changed on the server since it was pulled is refused
/// with the lines that differ, and nothing is stored. The files and their versions are brought up
/// to date after, to what the server stored.
/// </summary>
public sealed class MilestonePush(HttpClient server, TextWriter output, TextWriter error)
{
    /// <param name="files">Each file as the errors name it, and where it is.</param>
    /// <returns>The exit code: 0, or 1 after saying what went wrong.</returns>
    public async Task<int> PushAsync(IReadOnlyList<(string Path, string FullPath)> files, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var folders = files.Select(f => Path.GetDirectoryName(f.FullPath)!).Distinct().ToDictionary(d => d, MilestonePull.ReadVersions);
        var request = new
        {
            files = files.Select(f => new
            {
                path = f.Path,
                content = File.ReadAllText(f.FullPath, Encoding.UTF8),
                version = folders[Path.GetDirectoryName(f.FullPath)!].GetValueOrDefault(Path.GetFileName(f.FullPath)),
            }).ToList(),
        };
        HttpResponseMessage response;
        try
        {
            response = await server.PostAsJsonAsync("api/v1/push", request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"could not reach {server.BaseAddress}: {e.Message}");
            return 1;
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonDocument answer;
            try
            {
                answer = JsonDocument.Parse(text.Length > 0 ? text : "{}");
            }
            catch (JsonException)
            {
                await error.WriteLineAsync($"{server.BaseAddress} answered {(int)response.StatusCode}, not as the API does: is --server the app's address?");
                return 1;
            }
            using var _ = answer;
            var root = answer.RootElement;
            if (!response.IsSuccessStatusCode)
            {
                await ReportAsync(response.StatusCode, root);
                return 1;
            }
            var byPath = files.ToDictionary(f => f.Path, f => f.FullPath, StringComparer.Ordinal);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var pushed in root.GetProperty("milestones").EnumerateArray())
            {
                var fullPath = byPath[pushed.GetProperty("path").GetString()!];
                folders[Path.GetDirectoryName(fullPath)!][Path.GetFileName(fullPath)] = pushed.GetProperty("etag").GetString()!;
                // The file as the server stored it (progress and Last Updated are computed there), so that it is the one at that version.
                if (Text(pushed, "content") is { Length: > 0 } content && content != await File.ReadAllTextAsync(fullPath, Encoding.UTF8, cancellationToken))
                    await File.WriteAllTextAsync(fullPath, content, new UTF8Encoding(false), cancellationToken);
                var action = pushed.GetProperty("action").GetString()!;
                counts[action] = counts.GetValueOrDefault(action) + 1;
            }
            foreach (var (folder, versions) in folders)
                await MilestonePull.WriteVersionsAsync(folder, versions, cancellationToken);
            await output.WriteLineAsync($"pushed {files.Count} file(s): {counts.GetValueOrDefault("create")} created, {counts.GetValueOrDefault("replace")} replaced, {counts.GetValueOrDefault("unchanged")} unchanged");
            return 0;
        }
    }

    private async Task ReportAsync(HttpStatusCode status, JsonElement problem)
    {
        if (status == HttpStatusCode.Unauthorized)
        {
            await error.WriteLineAsync($"the server refused the token in MILESTONES_TOKEN: {Text(problem, "detail")}");
            return;
        }
        if (!problem.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
        {
            await error.WriteLineAsync($"{(int)status}: {Text(problem, "detail")}");
            return;
        }
        await error.WriteLineAsync("nothing was pushed:");
        foreach (var e in errors.EnumerateArray())
            await error.WriteLineAsync(Text(e, "path") is { Length: > 0 } path ? $"{path}:{e.GetProperty("line").GetInt32()}: {Text(e, "message")}" : Text(e, "message"));
        if (!problem.TryGetProperty("conflicts", out var conflicts))
            return;
        foreach (var conflict in conflicts.EnumerateArray())
        {
            await error.WriteLineAsync($"--- {Text(conflict, "path")} on the server");
            await error.WriteLineAsync($"+++ {Text(conflict, "path")} here");
            foreach (var line in conflict.GetProperty("lines").EnumerateArray())
            {
                await error.WriteLineAsync(line.ValueKind == JsonValueKind.Null ? "…" : Text(line, "change") switch
                {
                    "inserted" => "+" + Text(line, "text"),
                    "deleted" => "-" + Text(line, "text"),
                    _ => " " + Text(line, "text"),
                });
            }
        }
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
