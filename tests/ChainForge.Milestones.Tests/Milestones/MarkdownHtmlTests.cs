using AngleSharp.Html.Parser;
using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class MarkdownHtmlTests
{
    private static AngleSharp.Html.Dom.IHtmlDocument Parse(string markdown) => new HtmlParser().ParseDocument(MarkdownHtml.Render(markdown));

    [Theory]
    [InlineData("https://example.com/a")]
    [InlineData("http://example.com")]
    [InlineData("mailto:dana@example.com")]
    [InlineData("/milestones/M-007")]
    [InlineData("M-007.md")]
    [InlineData("#notes")]
    [InlineData("docs/a:b")]
    [InlineData("")]
    public void Web_mail_and_relative_urls_are_safe(string url) => Assert.True(MarkdownHtml.IsSafeUrl(url));

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData(" javascript:alert(1)")]
    [InlineData("java\tscript:alert(1)")]
    [InlineData("data:text/html;base64,PHNjcmlwdD4=")]
    [InlineData("vbscript:msgbox(1)")]
    [InlineData("file:///etc/passwd")]
    public void Other_schemes_are_unsafe(string url) => Assert.False(MarkdownHtml.IsSafeUrl(url));

    [Fact]
    public void A_javascript_link_keeps_its_text_without_the_link()
    {
        var document = Parse("[click me](javascript:alert(1))");

        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.Equal("click me", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void A_javascript_autolink_is_shown_as_text()
    {
        var document = Parse("<javascript:alert(1)>");

        Assert.Empty(document.QuerySelectorAll("a"));
        Assert.Contains("javascript:alert(1)", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_with_a_data_url_is_not_loaded()
    {
        var document = Parse("![logo](data:image/svg+xml;base64,PHN2Zz4=)");

        Assert.Empty(document.QuerySelectorAll("img"));
    }

    [Fact]
    public void Web_links_images_and_mail_links_are_kept()
    {
        var document = Parse("[site](https://example.com) [mail](mailto:a@example.com) [page](/milestones/M-1) ![chart](images/chart.png)");

        Assert.Equal(["https://example.com", "mailto:a@example.com", "/milestones/M-1"], document.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal("images/chart.png", document.QuerySelector("img")!.GetAttribute("src"));
    }

    [Theory]
    [InlineData("https://tracker.example.com/pixel.png")]
    [InlineData("http://tracker.example.com/pixel.png")]
    [InlineData("//tracker.example.com/pixel.png")]
    public void An_image_from_another_host_is_a_link_not_a_load(string url)
    {
        var document = Parse($"![who reads this]({url})");

        Assert.Empty(document.QuerySelectorAll("img"));
        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal((url, "image: who reads this"), (link.GetAttribute("href"), link.TextContent));
    }

    [Fact]
    public void Quotes_nested_too_deep_for_markdig_are_a_message_not_a_crash()
    {
        var document = Parse("fine\n\n" + new string('>', 300) + " deep");

        Assert.Contains("Line 3: quotes or lists are nested more than 32 deep", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_run()
    {
        var document = Parse("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>");

        Assert.Empty(document.QuerySelectorAll("script, img"));
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Checklists_render_as_disabled_checkboxes()
    {
        var document = Parse("- [x] done\n- [ ] open\n");

        var boxes = document.QuerySelectorAll("input[type=checkbox]");
        Assert.Equal(2, boxes.Length);
        Assert.All(boxes, b => Assert.True(b.HasAttribute("disabled")));
        Assert.Equal([true, false], boxes.Select(b => b.HasAttribute("checked")));
    }

    [Fact]
    public void Risk_tables_render_as_tables()
    {
        var document = Parse("| Risk | Impact |\n|------|--------|\n| slow | HIGH |\n");

        Assert.Equal("HIGH", document.QuerySelector("table td:last-child")!.TextContent);
    }
}
