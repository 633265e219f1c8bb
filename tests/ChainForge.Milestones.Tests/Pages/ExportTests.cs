using System.IO.Compression;
using System.Net;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class ExportTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task Exporting_a_milestone_downloads_its_canonical_bytes_as_ID_md()
    {
        var milestone = Arrange.Example();
        await app.StoreAsync(milestone);

        var response = await (await app.AuthorClientAsync()).GetAsync(new Uri("/milestones/M-007/export", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("M-007.md", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(MilestoneFiles.Encode(milestone), await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Exporting_an_unknown_milestone_is_not_found()
    {
        var response = await (await app.AuthorClientAsync()).GetAsync(new Uri("/milestones/M-999/export", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class ExportAllTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task Export_all_is_a_zip_with_one_ID_md_per_milestone_of_its_canonical_bytes()
    {
        var milestones = new SampleMilestones(5).Generate(40, 1).ToList();
        await app.StoreAsync([.. milestones]);

        var response = await (await app.AuthorClientAsync()).GetAsync(new Uri("/milestones/export", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("milestones.zip", response.Content.Headers.ContentDisposition!.FileName);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)));
        Assert.Equal([.. milestones.Select(m => $"{m.Id}.md").Order(StringComparer.Ordinal), ApprovalLedger.FileName], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        foreach (var milestone in milestones)
        {
            using var content = new MemoryStream();
            await using (var entry = await zip.GetEntry($"{milestone.Id}.md")!.OpenAsync(TestContext.Current.CancellationToken))
                await entry.CopyToAsync(content, TestContext.Current.CancellationToken);
            Assert.Equal(MilestoneFiles.Encode(milestone), content.ToArray());
        }
    }
}
