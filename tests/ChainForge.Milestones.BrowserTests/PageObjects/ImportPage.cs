using Microsoft.Playwright;

namespace ChainForge.Milestones.BrowserTests.PageObjects;

/// <summary>Import, /milestones/import: upload, preview, confirm.</summary>
public sealed class ImportPage(IPage page)
{
    public async Task<ImportPage> GotoAsync()
    {
        await page.GotoAsync("/milestones/import");
        return this;
    }

    public async Task UploadForPreviewAsync(string fileName, byte[] content)
    {
        await page.Locator("#Uploads").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/markdown", Buffer = content });
        await page.Locator("#upload-form").GetByRole(AriaRole.Button, new() { Name = "Preview import" }).ClickAsync();
        await page.Locator("#import-preview, #import-errors").First.WaitForAsync();
    }

    public ILocator Errors => page.Locator("#import-errors");

    public ILocator Preview => page.Locator("#import-preview");

    /// <summary>What the preview says the import will do to a milestone: "Replace" or "Create".</summary>
    public Task<string> WillAsync(string id) =>
        Preview.Locator("tbody tr").Filter(new() { Has = page.Locator("td.font-monospace", new() { HasText = id }) }).Locator(".badge").InnerTextAsync();

    /// <summary>
    /// Confirms the import; the caller waits for the address it expects (<see cref="Addresses.WaitForAddressAsync"/>),
    /// not for a load event, which hung on CI after this form's redirect as after others.
    /// </summary>
    public Task ConfirmAsync() => page.Locator("#confirm-form button[type=submit]").ClickAsync();
}
