using ChainForge.Milestones.BrowserTests.PageObjects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests;

/// <summary>A milestone's markdown goes out and comes back in through the pages.</summary>
public sealed class ImportExportTests(BrowserAppFactory app, Browser browser) : BrowserTest(app, browser)
{
    [Fact]
    public async Task An_export_imported_again_unchanged_changes_nothing_and_exports_the_same_bytes()
    {
        await StoreExampleAsync("M-050");
        var milestone = await new MilestonePage(Page, "M-050").GotoAsync();
        var exported = await milestone.DownloadExportAsync();
        var versionBefore = await VersionAsync("M-050");

        var import = await new ImportPage(Page).GotoAsync();
        await import.UploadForPreviewAsync("M-050.md", exported);
        Assert.Equal("Leave as it is", (await import.WillAsync("M-050")).Trim());
        await import.ConfirmAsync();
        await Page.WaitForAddressAsync(@"^https?://[^/]+/(\?.*)?$");

        Assert.Equal(versionBefore, await VersionAsync("M-050")); // nothing stored: the file is what is stored
        Assert.Equal(exported, await milestone.DownloadExportAsync());
    }

    private async Task<Guid> VersionAsync(string id)
    {
        await using var db = App.CreateDbContext();
        return await db.Milestones.Where(m => m.Id == id).Select(m => m.Version).SingleAsync(Cancel);
    }
}
