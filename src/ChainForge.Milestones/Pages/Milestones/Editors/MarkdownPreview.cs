using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChainForge.Milestones.Pages.Milestones.Editors;

/// <summary>
/// The preview of a markdown body while it is typed. Raw HTML is written as text, and links
/// and images keep only http, https, mailto and relative addresses: Markdig with DisableHtml
/// still passes <c>javascript:</c> URLs through.
/// </summary>
public static class MarkdownPreview
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .DisableHtml()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
                link.Url = "#";
        }
        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!autolink.IsEmail && !IsSafe(autolink.Url))
                autolink.Url = "#";
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    /// <summary>A relative address, or an absolute one with an allowed scheme.</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
            return true;
        var colon = url.IndexOf(':', StringComparison.Ordinal);
        var pathStart = url.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (pathStart >= 0 && pathStart < colon))
            return true;
        return SafeSchemes.Contains(url[..colon], StringComparer.OrdinalIgnoreCase);
    }
}
