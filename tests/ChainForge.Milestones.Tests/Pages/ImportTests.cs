using System.IO.Compression;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Pages.Milestones;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Pages;

public sealed class ImportTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static byte[] Markdown(Milestone milestone) => MilestoneFiles.Encode(milestone);

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Chooses files in the upload form and posts it, as a browser does.</summary>
    private static Task<HtmlPage> Upload(HttpClient client, params (string Name, byte[] Content)[] files) =>
        Upload(client, acceptReviews: false, files);

    private static async Task<HtmlPage> Upload(HttpClient client, bool acceptReviews, params (string Name, byte[] Content)[] files) =>
        await UploadFrom(await HtmlPage.GetAsync(client, "/milestones/import"), client, acceptReviews, files);

    /// <summary>Chooses files in the upload form of <paramref name="page"/> (which keeps the files of its preview) and posts it.</summary>
    private static async Task<HtmlPage> UploadFrom(HtmlPage page, HttpClient client, bool acceptReviews, params (string Name, byte[] Content)[] files)
    {
        var form = page.Form("#upload-form");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in HtmlPage.Fields(form))
            content.Add(new StringContent(value), name);
        if (acceptReviews)
            content.Add(new StringContent("true"), "AcceptRecordedReviews");
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Uploads", name);
        }
        var response = await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), content, TestContext.Current.CancellationToken);
        return await HtmlPage.ParseAsync(response);
    }

    private async Task<List<string>> StoredIds()
    {
        using var db = app.CreateDbContext();
        return await db.Milestones.Select(m => m.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    private static List<string> Errors(HtmlPage page) => [.. page.FindAll("#import-errors li").Select(li => li.TextContent.Trim())];

    [Fact]
    public async Task A_preview_shows_what_will_be_created_and_replaced_and_stores_nothing()
    {
        await app.StoreAsync(Arrange.Named("M-301", "Old title"));
        var client = await app.AuthorClientAsync();

        var preview = await Upload(client, ("M-301.md", Markdown(Arrange.Named("M-301", "New title"))), ("M-302.md", Markdown(Arrange.Named("M-302"))));

        var rows = preview.FindAll("#import-rows > tbody > tr:not(.import-changes)").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["M-301.md", "M-301", "New title", "Replace"], rows[0]);
        Assert.Equal(["M-302.md", "M-302", "A milestone", "Create"], rows[1]);
        Assert.DoesNotContain("M-302", await StoredIds());
    }

    [Fact]
    public async Task An_administrators_confirmed_preview_stores_every_milestone_with_the_reviews_accepted()
    {
        var client = await app.AuthorClientAsync();
        var example = Fixture.Bytes("canonical/example-M-007.md");
        var preview = await Upload(client, acceptReviews: true, ("example-M-007.md", example), ("M-310.md", Markdown(Arrange.Named("M-310"))));

        var list = await preview.SubmitAsync(client, "#confirm-form");

        Assert.Equal("/", list.Response.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("Imported 2 milestone(s): 2 created, 0 replaced, 0 unchanged.", list.Find("#message")!.TextContent, StringComparison.Ordinal);
        var page = await HtmlPage.GetAsync(client, "/milestones/M-007");
        Assert.Equal("Technical review: accepted from a file by ada.", page.Find("[data-accepted-review=Technical]")!.TextContent.Trim());
        using var db = app.CreateDbContext();
        var stored = await db.Milestones.AsNoTracking().SingleAsync(m => m.Id == "M-007", TestContext.Current.CancellationToken);
        Assert.Equal(example, MilestoneFiles.Encode(stored));
        Assert.Contains("M-310", await StoredIds());
    }

    [Fact]
    public async Task An_authors_upload_of_a_file_claiming_an_approval_is_refused_with_its_line_and_no_box_to_accept_it()
    {
        var client = await app.SignedInClientAsync("olga", ChainForge.Milestones.Accounts.Roles.Author);
        Assert.Null((await HtmlPage.GetAsync(client, "/milestones/import")).Find("#AcceptRecordedReviews"));

        var page = await Upload(client, ("M-311.md", Utf8(Fixture.Example.Replace("M-007", "M-311", StringComparison.Ordinal))));

        Assert.StartsWith("M-311.md:187: the technical review says APPROVED by Priya Natarajan, which this app has not recorded", Assert.Single(Errors(page)), StringComparison.Ordinal);
        Assert.Null(page.Find("#import-preview"));
    }

    [Fact]
    public async Task A_zip_of_milestone_files_imports_like_the_files()
    {
        var client = await app.AuthorClientAsync();
        var zip = Zip(("set/M-320.md", Markdown(Arrange.Named("M-320"))), ("set/M-321.md", Markdown(Arrange.Named("M-321"))));

        var preview = await Upload(client, ("set.zip", zip));
        await preview.SubmitAsync(client, "#confirm-form");

        Assert.Equal(["set.zip/set/M-320.md", "set.zip/set/M-321.md"], preview.FindAll("#import-preview tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Contains("M-320", await StoredIds());
        Assert.Contains("M-321", await StoredIds());
    }

    [Fact]
    public async Task An_error_in_one_of_two_files_stores_neither_and_names_file_and_line()
    {
        var bad = MarkdownExporter.Export(Arrange.Named("M-331")).Replace("**Priority**: [HIGH/MEDIUM/LOW]", "**Priority**: URGENT", StringComparison.Ordinal);
        var line = Array.FindIndex(bad.Split('\n'), l => l.Contains("URGENT", StringComparison.Ordinal)) + 1;

        var page = await Upload(await app.AuthorClientAsync(), ("M-330.md", Markdown(Arrange.Named("M-330"))), ("M-331.md", Utf8(bad)));

        var error = Assert.Single(Errors(page));
        Assert.StartsWith($"M-331.md:{line}: ", error, StringComparison.Ordinal);
        Assert.Null(page.Find("#import-preview"));
        Assert.NotNull(page.Find("#upload-form input[type=file]"));
        var stored = await StoredIds();
        Assert.DoesNotContain("M-330", stored);
        Assert.DoesNotContain("M-331", stored);
    }

    [Fact]
    public async Task After_an_error_only_the_fixed_file_is_chosen_again_and_the_kept_ones_go_with_it()
    {
        var client = await app.AuthorClientAsync();
        var good = Markdown(Arrange.Named("M-360", "Kept while the other is fixed"));
        var bad = MarkdownExporter.Export(Arrange.Named("M-361")).Replace("**Priority**: [HIGH/MEDIUM/LOW]", "**Priority**: URGENT", StringComparison.Ordinal);
        var refused = await Upload(client, ("M-360.md", good), ("M-361.md", Utf8(bad)));
        Assert.Equal(["M-360.md", "M-361.md"], refused.FindAll("#kept-files tr[data-file]").Select(r => r.GetAttribute("data-file")));
        Assert.Contains("1 error", refused.Find("#kept-files tr[data-file='M-361.md']")!.TextContent, StringComparison.Ordinal);

        var fixedUp = await UploadFrom(refused, client, false, ("M-361.md", Markdown(Arrange.Named("M-361", "Fixed"))));

        Assert.Empty(Errors(fixedUp));
        Assert.Equal(["M-360", "M-361"], fixedUp.FindAll("#import-rows > tbody > tr > td:nth-child(2)").Select(td => td.TextContent.Trim()));
        await fixedUp.SubmitAsync(client, "#confirm-form");
        var stored = await StoredIds();
        Assert.Contains("M-360", stored);
        Assert.Contains("M-361", stored);
    }

    [Fact]
    public async Task A_kept_file_can_be_left_out_and_a_fixed_file_of_a_zip_replaces_its_entry()
    {
        var client = await app.AuthorClientAsync();
        var bad = MarkdownExporter.Export(Arrange.Named("M-363")).Replace("**Priority**: [HIGH/MEDIUM/LOW]", "**Priority**: URGENT", StringComparison.Ordinal);
        var refused = await Upload(client, ("bundle.zip", Zip(("M-362.md", Markdown(Arrange.Named("M-362"))), ("M-363.md", Utf8(bad)))), ("M-364.md", Markdown(Arrange.Named("M-364"))));

        var fixedUp = await UploadFrom(refused, client, false, ("M-363.md", Markdown(Arrange.Named("M-363", "Fixed"))));
        var left = await fixedUp.SubmitAsync(client, "#kept-files tr[data-file='M-364.md'] form", submitterSelector: "#kept-files tr[data-file='M-364.md'] button[name='path']");

        Assert.Equal(["bundle.zip/M-362.md", "bundle.zip/M-363.md"], left.FindAll("#kept-files tr[data-file]").Select(r => r.GetAttribute("data-file")));
        Assert.Equal(["M-362", "M-363"], left.FindAll("#import-rows > tbody > tr > td:nth-child(2)").Select(td => td.TextContent.Trim()));

        // Leaving out every file leaves nothing kept.
        var one = await left.SubmitAsync(client, "#kept-files tr[data-file='bundle.zip/M-362.md'] form", submitterSelector: "#kept-files tr[data-file='bundle.zip/M-362.md'] button[name='path']");
        var none = await one.SubmitAsync(client, "#kept-files tr[data-file='bundle.zip/M-363.md'] form", submitterSelector: "#kept-files tr[data-file='bundle.zip/M-363.md'] button[name='path']");
        Assert.Null(none.Find("#kept-files"));
        Assert.Equal(["Choose one or more .md files, or a .zip of them."], Errors(none));
    }

    [Fact]
    public async Task The_preview_of_a_replace_shows_what_the_file_changes()
    {
        await app.StoreAsync(Arrange.Named("M-365", "The stored title"));
        var client = await app.AuthorClientAsync();

        var preview = await Upload(client, ("M-365.md", Markdown(Arrange.Named("M-365", "The imported title"))));

        var changes = preview.Find("#import-preview tr[data-changes-of='M-365']")!;
        // The heading and the Title line.
        Assert.Contains("2 line(s) out, 2 in", changes.QuerySelector("summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(changes.QuerySelectorAll("tr[data-change='deleted']"), r => r.TextContent.Contains("The stored title", StringComparison.Ordinal));
        Assert.Contains(changes.QuerySelectorAll("tr[data-change='inserted']"), r => r.TextContent.Contains("The imported title", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_zip_with_a_file_that_is_not_markdown_is_refused()
    {
        var zip = Zip(("M-340.md", Markdown(Arrange.Named("M-340"))), ("notes.txt", "hello"u8.ToArray()));

        var page = await Upload(await app.AuthorClientAsync(), ("bundle.zip", zip));

        Assert.Equal(["bundle.zip/notes.txt: only .md files (and an approvals ledger) can be imported; remove it from the zip"], Errors(page));
        Assert.DoesNotContain("M-340", await StoredIds());
    }

    [Fact]
    public async Task Uploading_no_files_asks_for_some()
    {
        var page = await Upload(await app.AuthorClientAsync());

        Assert.Equal(["Choose one or more .md files, or a .zip of them."], Errors(page));
    }

    [Fact]
    public async Task An_import_larger_than_the_limit_is_refused_with_its_size()
    {
        var huge = new byte[ImportUpload.MaxTotalBytes + 1];

        var page = await Upload(await app.AuthorClientAsync(), ("huge.md", huge));

        Assert.Contains("at most 10 MB", Assert.Single(Errors(page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirm_of_a_preview_that_is_not_kept_for_this_person_stores_nothing()
    {
        var client = await app.AuthorClientAsync();
        var preview = await Upload(client, ("M-350.md", Markdown(Arrange.Named("M-350"))));
        var other = await app.SignedInClientAsync("oren", ChainForge.Milestones.Accounts.Roles.Author);
        var token = preview.Find("#confirm-form input[name='Preview']")!.GetAttribute("value")!;
        var otherForm = await HtmlPage.GetAsync(other, "/milestones/import");

        // Someone else's token, then a made-up one: neither is a preview of theirs.
        using var stolen = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Preview"] = token,
            ["__RequestVerificationToken"] = otherForm.Find("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        });
        var refused = await HtmlPage.ParseAsync(await other.PostAsync(new Uri("/milestones/import?handler=Confirm", UriKind.Relative), stolen, TestContext.Current.CancellationToken));
        var madeUp = await preview.SubmitAsync(client, "#confirm-form", new Dictionary<string, string> { ["Preview"] = "0123456789abcdef" });

        Assert.Equal([ImportModel.Expired], Errors(refused));
        Assert.Equal([ImportModel.Expired], Errors(madeUp));
        Assert.DoesNotContain("M-350", await StoredIds());
    }

    [Fact]
    public async Task A_preview_is_confirmed_once()
    {
        var client = await app.AuthorClientAsync();
        var preview = await Upload(client, ("M-351.md", Markdown(Arrange.Named("M-351"))));

        await preview.SubmitAsync(client, "#confirm-form");
        var again = await preview.SubmitAsync(client, "#confirm-form");

        Assert.Contains("M-351", await StoredIds());
        Assert.Equal([ImportModel.Expired], Errors(again));
    }

    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);
}
