using Ganss.Xss;
using Markdig;
using Markdig.Extensions.TaskLists;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace ChainForge.Milestones.Milestones;

/// <summary>
/// Markdown shown as HTML in a page, safely. Markdig is not a sanitizer: with raw HTML
/// disabled it still renders <c>javascript:</c> and <c>data:</c> URLs in links, images and
/// autolinks. So URLs are filtered in the syntax tree, and the HTML is sanitized after.
/// </summary>
public static class MarkdownHtml
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    // Built once: a pipeline and a sanitizer are costly to build and safe to share.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseTaskLists()
        .UseAutoLinks()
        .UseBootstrap()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string Render(string markdown) => Render(markdown, null);

    /// <summary>
    /// The same, with the boxes on the given lines (0-based) named in a <c>data-box</c>
    /// attribute, so that the page can tick them; a box on any other line stays a picture.
    /// </summary>
    public static string Render(string markdown, IReadOnlyDictionary<int, string>? boxes)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        if (Markdown.MarkdownImporter.LineNestedTooDeep(markdown) is { } line)
            return $"<p class=\"text-danger\">Line {line}: {Markdown.MarkdownImporter.NestedTooDeep}, so it cannot be shown.</p>";
        MarkdownDocument document;
        try
        {
            document = Markdig.Markdown.Parse(markdown, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's depth limit, reached over several lines: a message, never a failed save or page.
            return $"<p class=\"text-danger\">This text nests quotes or lists more than {Markdown.MarkdownImporter.MaxNesting} deep, so it cannot be shown.</p>";
        }
        FilterUrls(document);
        if (boxes is { Count: > 0 })
            NameBoxes(document, boxes);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }

    /// <summary>Only http, https, mailto and relative URLs may be followed or loaded; only relative ones are loaded as images.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
            return true;
        // Browsers ignore tabs, newlines and leading controls in a URL: "java\tscript:" is javascript:.
        var compact = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            return true;
        var delimiter = compact.IndexOfAny(['/', '?', '#']);
        if (delimiter >= 0 && delimiter < colon)
            return true; // a colon after the path starts: a relative URL such as "a/b:c"
        var scheme = compact[..colon];
        return SafeSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    private static void FilterUrls(MarkdownDocument document)
    {
        // Collected first: replacing inlines while walking the tree would break the walk.
        var unsafeInlines = document.Descendants<Inline>()
            .Where(i => i switch
            {
                LinkInline { IsImage: true } image => !IsSafeUrl(image.Url) || IsElsewhere(image.Url),
                LinkInline link => !IsSafeUrl(link.Url),
                AutolinkInline autolink => !IsSafeUrl(autolink.Url),
                _ => false,
            })
            .ToList();
        foreach (var inline in unsafeInlines)
        {
            // Replaced without their children: the text is said once, by the replacement.
            switch (inline)
            {
                case LinkInline { IsImage: true } image when IsSafeUrl(image.Url):
                    // Loading it would tell another host who reads which milestone: a link instead.
                    var alt = PlainText(image);
                    var link = new LinkInline(image.Url!, image.Title ?? "");
                    link.AppendChild(new LiteralInline(alt.Length > 0 ? $"image: {alt}" : $"image: {image.Url}"));
                    image.ReplaceBy(link, copyChildren: false);
                    break;
                case LinkInline image when image.IsImage:
                    image.ReplaceBy(new LiteralInline(PlainText(image)), copyChildren: false);
                    break;
                case LinkInline refused:
                    refused.ReplaceBy(new LiteralInline(PlainText(refused)), copyChildren: false);
                    break;
                case AutolinkInline autolink:
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }
    }

    private static void NameBoxes(MarkdownDocument document, IReadOnlyDictionary<int, string> boxes)
    {
        foreach (var box in document.Descendants<TaskList>())
        {
            ContainerInline? root = box.Parent;
            while (root?.Parent is { } parent)
                root = parent;
            // A box is a list's only when it opens the paragraph the export wrote on that line.
            if (root?.ParentBlock is { } paragraph && root.FirstChild == box && boxes.TryGetValue(paragraph.Line, out var name))
                box.GetAttributes().AddProperty(BoxAttribute, name);
        }
    }

    public const string BoxAttribute = "data-box";

    /// <summary>An absolute URL: another host's.</summary>
    private static bool IsElsewhere(string? url) =>
        url is not null && (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" || url.TrimStart().StartsWith("//", StringComparison.Ordinal));

    private static string PlainText(ContainerInline container) =>
        string.Concat(container.Descendants<LiteralInline>().Select(l => l.Content.ToString()));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in SafeSchemes)
            sanitizer.AllowedSchemes.Add(scheme);
        // Task lists render as disabled checkboxes; nothing else of a form may appear.
        sanitizer.AllowedTags.Add("input");
        foreach (var tag in new[] { "form", "button", "select", "option", "textarea", "style" })
            sanitizer.AllowedTags.Remove(tag);
        sanitizer.AllowedAttributes.Add("class");
        sanitizer.AllowedAttributes.Add(BoxAttribute);
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement { LocalName: "input" } input)
                return;
            if (input.GetAttribute("type") != "checkbox")
            {
                input.Remove();
                return;
            }
            // A task's box is named by its task, for screen readers (axe: every form element has a label).
            var task = input.ParentElement?.TextContent.Trim() ?? "";
            input.SetAttribute("aria-label", task.Length > 200 ? task[..200] + "…" : task.Length > 0 ? task : "Task");
        };
        return sanitizer;
    }
}
