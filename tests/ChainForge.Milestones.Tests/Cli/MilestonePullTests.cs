using System.Net.Http.Headers;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Api;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Cli;

/// <summary><c>pull</c> against a server's HTTP API (the app, in process), into a folder of its own.</summary>
public sealed class MilestonePullTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>, IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _folder = Directory.CreateTempSubdirectory("pull-").FullName;

    private async Task<HttpClient> ServerAsync(string? secret = null)
    {
        var client = await app.TokenClientAsync("ci", TokenScopes.Read, Roles.Author);
        if (secret is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<(int Exit, string Output, string Error)> PullAsync(HttpClient server, string? id = null, bool prune = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new MilestonePull(server, output, error).PullAsync(_folder, id, prune, Cancel);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Every_milestone_is_written_as_its_canonical_file_with_its_version_and_a_second_pull_changes_nothing()
    {
        await app.StoreAsync([.. Enumerable.Range(1, 30).Select(n => Arrange.Named($"P-{n:000}", $"Pulled {n}"))]);
        var server = await ServerAsync();

        var (exit, output, error) = await PullAsync(server);

        Assert.True(exit == 0, error);
        await using var db = app.CreateDbContext();
        var stored = await db.Milestones.AsNoTracking().ToListAsync(Cancel);
        Assert.Equal(stored.Count, Directory.GetFiles(_folder, "*.md").Length);
        foreach (var milestone in stored)
            Assert.Equal(MilestoneFiles.Encode(milestone), await File.ReadAllBytesAsync(Path.Combine(_folder, $"{milestone.Id}.md"), Cancel));
        var versions = await File.ReadAllLinesAsync(Path.Combine(_folder, MilestonePull.VersionsFile), Cancel);
        Assert.Equal(versions.Order(StringComparer.Ordinal), versions);
        Assert.Contains($"P-007.md {MilestonesApi.ETag(stored.Single(m => m.Id == "P-007").Version)}", versions);
        Assert.Contains($"{stored.Count} changed", output, StringComparison.Ordinal);
        Assert.Contains("0 changed", (await PullAsync(server)).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ledger_is_pulled_beside_the_files_and_check_verifies_them_with_the_public_key_anyone_may_fetch()
    {
        await using (var db = app.CreateDbContext())
        {
            var example = Fixture.Example.Replace("M-007", "P-300", StringComparison.Ordinal);
            Assert.True((await Actors.AcceptingImportAsync(db, [new MilestoneFile("P-300.md", System.Text.Encoding.UTF8.GetBytes(example))], "alice", TimeProvider.System, Cancel)).Succeeded);
        }
        var key = await app.CreateClient().GetAsync(new Uri("/api/v1/approvals/public-key", UriKind.Relative), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.OK, key.StatusCode);
        var keyFile = Path.Combine(_folder, "..", $"{Path.GetFileName(_folder)}.pem");
        await File.WriteAllTextAsync(keyFile, await key.Content.ReadAsStringAsync(Cancel), Cancel);

        Assert.Equal(0, (await PullAsync(await ServerAsync(), "P-300")).Exit);
        var ledger = await File.ReadAllTextAsync(Path.Combine(_folder, ApprovalLedger.FileName), Cancel);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(["check", _folder, "--public-key", keyFile], output, error, _folder, _folder);

        Assert.Contains("\"milestone\":\"P-300\",\"review\":\"technical\"", ledger, StringComparison.Ordinal);
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("their approvals verified", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_removes_the_files_a_pull_wrote_of_milestones_gone_and_nothing_else()
    {
        await app.StoreAsync(Arrange.Named("P-101", "Stays"), Arrange.Named("P-102", "Goes"));
        var server = await ServerAsync();
        Assert.Equal(0, (await PullAsync(server)).Exit);
        await File.WriteAllTextAsync(Path.Combine(_folder, "notes.md"), "a person's own file", Cancel);
        await using (var db = app.CreateDbContext())
            await db.Milestones.Where(m => m.Id == "P-102").ExecuteUpdateAsync(s => s.SetProperty(m => m.ArchivedAt, DateTimeOffset.UtcNow), Cancel);

        var (exit, output, _) = await PullAsync(server, prune: true);

        Assert.Equal(0, exit);
        Assert.False(File.Exists(Path.Combine(_folder, "P-102.md")));
        Assert.True(File.Exists(Path.Combine(_folder, "P-101.md")));
        Assert.True(File.Exists(Path.Combine(_folder, "notes.md")));
        Assert.Contains("1 removed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("P-102.md", await File.ReadAllTextAsync(Path.Combine(_folder, MilestonePull.VersionsFile), Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_versions_file_naming_paths_outside_the_folder_never_makes_prune_remove_them()
    {
        await app.StoreAsync(Arrange.Named("P-201", "Stays"));
        var outside = Path.Combine(Path.GetDirectoryName(_folder)!, $"outside-{Guid.NewGuid():N}.md");
        await File.WriteAllTextAsync(outside, "not the pull's", Cancel);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(_folder, MilestonePull.VersionsFile), $"../{Path.GetFileName(outside)} \"x\"\n{outside} \"x\"\n.hidden.md \"x\"\n", Cancel);

            var (exit, _, _) = await PullAsync(await ServerAsync(), prune: true);

            Assert.Equal(0, exit);
            Assert.True(File.Exists(outside));
            Assert.DoesNotContain("..", await File.ReadAllTextAsync(Path.Combine(_folder, MilestonePull.VersionsFile), Cancel), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [Fact]
    public async Task A_refused_token_or_an_unknown_id_is_said_and_writes_nothing()
    {
        var refused = await PullAsync(await ServerAsync("cfm_not-a-token"));
        var unknown = await PullAsync(await ServerAsync(), id: "NOPE-1");

        Assert.Equal(1, refused.Exit);
        Assert.Contains("refused the token in MILESTONES_TOKEN", refused.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("404", unknown.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
