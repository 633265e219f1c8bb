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
public sealed class MilestoneHtml : IDisposable
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
        // The sanitized HTML holds no attributes on <em>: the marker can only be the one the export wrote, or a person's own italics of the same words.
        return MarkdownHtml.Render(text, boxes)
            .Replace($"<em>{MarkdownExporter.NotFilledIn}</em>", $"<em class=\"not-filled\">{MarkdownExporter.NotFilledIn}</em>", StringComparison.Ordinal);
    }

    public void Dispose() => _cache.Dispose();
}
