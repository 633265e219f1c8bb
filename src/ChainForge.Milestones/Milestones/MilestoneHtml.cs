using System.Text;
using System.Text.RegularExpressions;
using ChainForge.Milestones.Milestones.Markdown;
using Microsoft.Extensions.Caching.Memory;

namespace ChainForge.Milestones.Milestones;

/// <summary>
/// A milestone as sanitized HTML for its page, for a row that has none stored yet
/// (<see cref="Data.MilestonesDbContext.StoredHtml"/>: saved before the column existed, or since
/// the rendering changed). Rendering (export, Markdig, then the sanitizer parsing and walking the
/// whole document) costs about a millisecond of CPU, so the result is kept per (ID, Version):
/// every save sets a new Version, so a changed milestone is never served stale HTML; old
/// versions just age out of the size-limited cache.
/// </summary>
public sealed partial class MilestoneHtml : IDisposable
{
    // About 64 MB of strings (UTF-16): a few thousand milestones of typical size.
    public const long SizeLimitInChars = 32 * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimitInChars });

    public string Render(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var key = (milestone.Id, milestone.Version);
        if (_cache.TryGetValue(key, out string? html) && html is not null)
            return html;
        html = ForPage(milestone);
        _cache.Set(key, html, new MemoryCacheEntryOptions { Size = html.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return html;
    }

    /// <summary>The page's HTML: the milestone written for reading (<see cref="MarkdownExporter.ExportForReading"/>), rendered and sanitized.</summary>
    /// <remarks>Each box of a list carries its <see cref="MilestoneBox.Name"/>, for ticking it on the page.</remarks>
    public static string ForPage(Milestone milestone)
    {
        var text = MarkdownExporter.ExportForReading(milestone, out var boxLines);
        var names = MilestoneBoxes.All(milestone).ToDictionary(b => b.Item, b => b.Name, ReferenceEqualityComparer.Instance);
        var boxes = boxLines.Where(b => names.ContainsKey(b.Item)).ToDictionary(b => b.Line, b => names[b.Item]);
        return NameNotFilledIn(MarkdownHtml.Render(text, boxes));
    }

    /// <summary>How each named "not filled in" begins; its section's name follows, then <c>"&gt;</c>.</summary>
    public const string NotFilledOpening = "<em class=\"not-filled\" data-section=\"";

    /// <summary>
    /// Each "not filled in" the export wrote, muted and named by the section (its <c>h2</c>) it is in,
    /// so that the page can offer authors a link to that section of the editor. The sanitized
    /// HTML holds no attributes on <c>em</c>: the marker can only be the export's, or a person's
    /// own italics of the same words.
    /// </summary>
    private static string NameNotFilledIn(string html)
    {
        var marker = $"<em>{MarkdownExporter.NotFilledIn}</em>";
        var named = new StringBuilder(html.Length + 2048);
        var done = 0;
        for (var at = html.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = html.IndexOf(marker, done, StringComparison.Ordinal))
        {
            var heading = html.LastIndexOf("<h2>", at, StringComparison.Ordinal);
            var section = heading < 0 ? "" : Tags().Replace(html[(heading + "<h2>".Length)..html.IndexOf("</h2>", heading, StringComparison.Ordinal)], "");
            named.Append(html, done, at - done)
                .Append($"{NotFilledOpening}{section.Replace("\"", "&quot;", StringComparison.Ordinal)}\">{MarkdownExporter.NotFilledIn}</em>");
            done = at + marker.Length;
        }
        return named.Append(html, done, html.Length - done).ToString();
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    public void Dispose() => _cache.Dispose();
}
