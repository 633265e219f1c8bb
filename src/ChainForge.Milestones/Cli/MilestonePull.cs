using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChainForge.Milestones.Milestones.Reviews;

namespace ChainForge.Milestones.Cli;

/// <summary>
/// <c>pull FOLDER --server URL</c>: every milestone's canonical file from a server's HTTP API,
/// written as <c>{ID}.md</c> (a file whose bytes are the same is left untouched), and beside them
/// <see cref="VersionsFile"/>, the version each was pulled at, which <c>push</c> will send back, and
/// the approvals ledger (<see cref="ApprovalLedger"/>).
/// </summary>
public sealed class MilestonePull(HttpClient server, TextWriter output, TextWriter error)
{
    /// <summary>One line a file, sorted: <c>M-007.md "etag"</c>; friendly to git diffs.</summary>
    public const string VersionsFile = ".milestone-versions";

    private const int PageSize = 25;
    private const int MostRetries = 5;

    /// <returns>The exit code: 0, or 1 after saying what went wrong.</returns>
    public async Task<int> PullAsync(string folder, string? id, bool prune, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folder);
        try
        {
            var ids = id is not null ? [id] : await ListAsync(cancellationToken);
            Directory.CreateDirectory(folder);
            var versions = ReadVersions(folder);
            var pulledFiles = new HashSet<string>(StringComparer.Ordinal);
            var changed = 0;
            foreach (var each in ids)
            {
                var (fileName, content, etag) = await ReadAsync(each, cancellationToken);
                if (await WriteIfChangedAsync(Path.Combine(folder, fileName), content, cancellationToken))
                    changed++;
                versions[fileName] = etag;
                pulledFiles.Add(fileName);
            }
            var removed = 0;
            if (prune && id is null)
            {
                // Only files a pull wrote are ever removed: those of milestones the server no longer lists.
                foreach (var gone in versions.Keys.Where(f => !pulledFiles.Contains(f)).ToList())
                {
                    File.Delete(Path.Combine(folder, gone));
                    versions.Remove(gone);
                    removed++;
                }
            }
            await WriteVersionsAsync(folder, versions, cancellationToken);
            // The server's signatures of every current approval, which `check --approvals` verifies the files against.
            using (var ledger = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "api/v1/approvals"), cancellationToken))
                await WriteIfChangedAsync(Path.Combine(folder, ApprovalLedger.FileName), await ledger.Content.ReadAsByteArrayAsync(cancellationToken), cancellationToken);
            await output.WriteLineAsync($"pulled {ids.Count} milestone(s) into {folder}: {changed} changed{(prune ? $", {removed} removed" : "")}");
            return 0;
        }
        catch (PullException e)
        {
            await error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"could not reach {server.BaseAddress}: {e.Message}");
            return 1;
        }
    }

    /// <summary>Leaves a file whose bytes are the same untouched, so that git and editors see no change.</summary>
    private static async Task<bool> WriteIfChangedAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(content))
            return false;
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        return true;
    }

    private async Task<List<string>> ListAsync(CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            using var response = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"api/v1/milestones?sort=id&page={page.ToString(CultureInfo.InvariantCulture)}"), cancellationToken);
            using var list = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            ids.AddRange(list.RootElement.GetProperty("milestones").EnumerateArray().Select(m => m.GetProperty("id").GetString()!));
            if (page >= list.RootElement.GetProperty("pageCount").GetInt32())
                return ids;
        }
    }

    private async Task<(string FileName, byte[] Content, string ETag)> ReadAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/milestones/{Uri.EscapeDataString(id)}");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
            return request;
        }, cancellationToken);
        var fileName = $"{id}.md";
        // The server names the files: a name that would leave the folder is refused.
        if (!IsFileName(fileName))
            throw new PullException($"the server has a milestone ID that is not a file name here: {id}");
        var etag = response.Headers.ETag?.ToString() ?? throw new PullException($"the server sent {id} without its version (ETag)");
        return (fileName, await response.Content.ReadAsByteArrayAsync(cancellationToken), etag);
    }

    /// <summary>Sends the request, waiting as the server asks when it says too many (429); any other failure is a <see cref="PullException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var message = request();
            var response = await server.SendAsync(message, cancellationToken);
            if (response.IsSuccessStatusCode)
                return response;
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt < MostRetries)
                {
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(10), cancellationToken);
                    continue;
                }
                var detail = await response.Content.ReadAsStringAsync(cancellationToken);
                try
                {
                    using var problem = JsonDocument.Parse(detail);
                    detail = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString() ?? detail : detail;
                }
                catch (JsonException)
                {
                    // Not Problem Details: the text is said as it came.
                }
                throw new PullException(response.StatusCode == HttpStatusCode.Unauthorized
                    ? $"the server refused the token in MILESTONES_TOKEN: {detail}"
                    : $"{message.RequestUri}: {(int)response.StatusCode} {detail}");
            }
        }
    }

    internal static Task WriteVersionsAsync(string folder, Dictionary<string, string> versions, CancellationToken cancellationToken) =>
        File.WriteAllTextAsync(Path.Combine(folder, VersionsFile),
            string.Concat(versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key} {v.Value}\n")), cancellationToken);

    internal static Dictionary<string, string> ReadVersions(string folder)
    {
        var path = Path.Combine(folder, VersionsFile);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return versions;
        foreach (var line in File.ReadAllLines(path, Encoding.UTF8))
        {
            // The file is in the repository, where anyone may have edited it: only a plain .md name in
            // this folder is taken, so that --prune never removes anything else.
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && IsFileName(line[..space]))
                versions[line[..space]] = line[(space + 1)..];
        }
        return versions;
    }

    /// <summary>A milestone's file name: a plain <c>.md</c> name in the folder, no path, not hidden.</summary>
    internal static bool IsFileName(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !name.StartsWith('.') && name.IndexOfAny(['/', '\\', ':']) < 0
        && Path.GetFileName(name) == name && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0;

    private sealed class PullException(string message) : Exception(message);
}
