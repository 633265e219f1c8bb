using System.Net.Http.Headers;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Cli;

/// <summary><c>push</c> of a pulled folder back to a server's HTTP API (the app, in process).</summary>
public sealed class MilestonePushTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>, IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _folder = Directory.CreateTempSubdirectory("push-").FullName;

    private Task<HttpClient> ServerAsync() => app.TokenClientAsync("ci", TokenScopes.Read | TokenScopes.Write, Roles.Author);

    private string FileOf(string id) => Path.Combine(_folder, $"{id}.md");

    private async Task<(int Exit, string Output, string Error)> PushAsync(HttpClient server, params string[] ids)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new MilestonePush(server, output, error).PushAsync([.. ids.Select(id => ($"{id}.md", FileOf(id)))], Cancel);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task PullAsync(HttpClient server, string id) =>
        Assert.Equal(0, await new MilestonePull(server, TextWriter.Null, TextWriter.Null).PullAsync(_folder, id, prune: false, Cancel));

    private async Task<Milestone> StoredAsync(string id)
    {
        await using var db = app.CreateDbContext();
        return await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == id, Cancel);
    }

    [Fact]
    public async Task A_changed_file_replaces_its_milestone_a_new_one_is_created_and_the_versions_follow()
    {
        await app.StoreAsync(Arrange.Named("Q-001", "Pulled title"), Arrange.Named("Q-002", "Left alone"));
        var server = await ServerAsync();
        await PullAsync(server, "Q-001");
        await PullAsync(server, "Q-002");
        await File.WriteAllTextAsync(FileOf("Q-001"), (await File.ReadAllTextAsync(FileOf("Q-001"), Cancel)).Replace("Pulled title", "Pushed title", StringComparison.Ordinal), Cancel);
        await File.WriteAllBytesAsync(FileOf("Q-003"), MilestoneFiles.Encode(Arrange.Named("Q-003", "New from git")), Cancel);

        var (exit, output, error) = await PushAsync(server, "Q-001", "Q-002", "Q-003");

        Assert.True(exit == 0, error);
        Assert.Contains("1 created, 1 replaced, 1 unchanged", output, StringComparison.Ordinal);
        Assert.Equal("Pushed title", (await StoredAsync("Q-001")).Title);
        Assert.Equal("New from git", (await StoredAsync("Q-003")).Title);
        var versions = await File.ReadAllTextAsync(Path.Combine(_folder, MilestonePull.VersionsFile), Cancel);
        Assert.Contains($"Q-001.md {ChainForge.Milestones.Api.MilestonesApi.ETag((await StoredAsync("Q-001")).Version)}", versions, StringComparison.Ordinal);
        Assert.Contains("Q-003.md ", versions, StringComparison.Ordinal);
        // Pushed again as it is: the versions kept are current, so nothing changes.
        Assert.Contains("0 created, 0 replaced, 3 unchanged", (await PushAsync(server, "Q-001", "Q-002", "Q-003")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_changed_on_the_server_since_it_was_pulled_is_refused_with_a_diff_and_nothing_is_stored()
    {
        await app.StoreAsync(Arrange.Named("Q-010", "Before"));
        var server = await ServerAsync();
        await PullAsync(server, "Q-010");
        // Someone saves on the server meanwhile.
        await using (var db = app.CreateDbContext())
        {
            var theirs = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "Q-010", Cancel);
            theirs.Title = "Theirs";
            Assert.True((await Actors.Changes(db, TimeProvider.System).EditAsync(Actors.Author("bob"), theirs, theirs.Version, Cancel)).Succeeded);
        }
        await File.WriteAllTextAsync(FileOf("Q-010"), (await File.ReadAllTextAsync(FileOf("Q-010"), Cancel)).Replace("Before", "Mine", StringComparison.Ordinal), Cancel);
        await File.WriteAllBytesAsync(FileOf("Q-011"), MilestoneFiles.Encode(Arrange.Named("Q-011", "Would be new")), Cancel);

        var (exit, _, error) = await PushAsync(server, "Q-010", "Q-011");

        Assert.Equal(1, exit);
        Assert.Contains("Q-010.md:", error, StringComparison.Ordinal);
        Assert.Contains("saved on the server by bob since you pulled it", error, StringComparison.Ordinal);
        Assert.Contains("-- **Title**: Theirs", error, StringComparison.Ordinal);
        Assert.Contains("+- **Title**: Mine", error, StringComparison.Ordinal);
        Assert.Equal("Theirs", (await StoredAsync("Q-010")).Title);
        await using var read = app.CreateDbContext();
        Assert.False(await read.Milestones.AnyAsync(m => m.Id == "Q-011", Cancel));
    }

    [Fact]
    public async Task A_file_that_does_not_read_is_named_by_its_line_and_a_new_file_cannot_claim_an_existing_id()
    {
        await app.StoreAsync(Arrange.Named("Q-020", "On the server"));
        var server = await ServerAsync();
        var broken = ChainForge.Milestones.Milestones.Markdown.MarkdownExporter.Export(Arrange.Named("Q-021"))
            .Replace("**Priority**: [HIGH/MEDIUM/LOW]", "**Priority**: URGENT", StringComparison.Ordinal);
        var line = Array.FindIndex(broken.Split('\n'), l => l.Contains("URGENT", StringComparison.Ordinal)) + 1;
        await File.WriteAllTextAsync(FileOf("Q-021"), broken, Cancel);
        await File.WriteAllBytesAsync(FileOf("Q-020"), MilestoneFiles.Encode(Arrange.Named("Q-020", "Not pulled")), Cancel);

        var unreadable = await PushAsync(server, "Q-021");
        var unpulled = await PushAsync(server, "Q-020");

        Assert.Contains($"Q-021.md:{line}: ", unreadable.Error, StringComparison.Ordinal);
        Assert.Contains("is on the server already, and this file has no version", unpulled.Error, StringComparison.Ordinal);
        Assert.Equal("On the server", (await StoredAsync("Q-020")).Title);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
