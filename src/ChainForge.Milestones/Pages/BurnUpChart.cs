using System.Globalization;
using System.Text.Encodings.Web;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Html;

namespace ChainForge.Milestones.Pages;

/// <summary>
/// Where a burn-up's lines, scope-change marks and axis labels go in its SVG (<c>_BurnUp.cshtml</c>):
/// dates across, tasks up. Both lines are steps, since a count holds until the next day that changed it.
/// </summary>
public sealed class BurnUpChart
{
    public const int Width = 640, Height = 240;
    private const double Left = 40, Right = 16, Top = 12, Bottom = 28;

    public sealed record Mark(double X, double Y, BurnUpPoint Point);
    public sealed record Tick(double At, string Label);

    public BurnUpChart(IReadOnlyList<BurnUpPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        Points = points;
        if (points.Count == 0)
            return;
        var first = points[0].Date.DayNumber;
        var days = Math.Max(1, points[^1].Date.DayNumber - first);
        var top = Math.Max(1, points.Max(p => Math.Max(p.Planned, p.Done)));
        double X(BurnUpPoint p) => points.Count == 1 ? (Left + Width - Right) / 2 : Left + (p.Date.DayNumber - first) * (Width - Left - Right) / days;
        double Y(int value) => Height - Bottom - (double)value * (Height - Top - Bottom) / top;
        PlannedPath = Steps(points, X, p => Y(p.Planned));
        DonePath = Steps(points, X, p => Y(p.Done));
        ScopeChanges = [.. points.Where(p => p.ScopeChanged).Select(p => new Mark(X(p), Y(p.Planned), p))];
        YTicks = [.. new[] { 0, top / 2, top }.Distinct().Select(v => new Tick(Y(v), v.ToString(CultureInfo.InvariantCulture)))];
        XTicks = [.. new[] { points[0], points[^1] }.Distinct().Select(p => new Tick(X(p), Date(p.Date)))];
    }

    public IReadOnlyList<BurnUpPoint> Points { get; }
    public string PlannedPath { get; } = "";
    public string DonePath { get; } = "";
    public IReadOnlyList<Mark> ScopeChanges { get; } = [];
    public IReadOnlyList<Tick> YTicks { get; } = [];
    public IReadOnlyList<Tick> XTicks { get; } = [];

    public static double AxisBottom => Height - Bottom;
    public static double AxisLeft => Left;
    public static double AxisRight => Width - Right;

    /// <summary>An SVG <c>text</c> element (Razor reads a literal <c>&lt;text&gt;</c> as its own tag).</summary>
    public static IHtmlContent Label(double x, double y, string anchor, string text) =>
        new HtmlString($"<text class=\"axis\" x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">{HtmlEncoder.Default.Encode(text)}</text>");

    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => global::ChainForge.Milestones.Milestones.Markdown.MarkdownExporter.Date(date);

    /// <summary>What a scope change did, in words: "3 tasks added, 1 removed".</summary>
    public static string Change(BurnUpPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var parts = new List<string>();
        if (point.Added > 0)
            parts.Add($"{point.Added} {(point.Added == 1 ? "task" : "tasks")} added");
        if (point.Removed > 0)
            parts.Add(parts.Count == 0 ? $"{point.Removed} {(point.Removed == 1 ? "task" : "tasks")} removed" : $"{point.Removed} removed");
        return string.Join(", ", parts);
    }

    /// <summary>The chart in one sentence, for screen readers and the figure's caption.</summary>
    public string Summary => Points.Count == 0 ? "No revisions yet."
        : $"From {Date(Points[0].Date)} to {Date(Points[^1].Date)}: {Points[^1].Done} of {Points[^1].Planned} tasks done "
          + $"(at the start {Points[0].Done} of {Points[0].Planned}); scope changed on {ScopeChanges.Count} {(ScopeChanges.Count == 1 ? "day" : "days")}.";

    private static string Steps(IReadOnlyList<BurnUpPoint> points, Func<BurnUpPoint, double> x, Func<BurnUpPoint, double> y)
    {
        var path = new System.Text.StringBuilder($"M{N(x(points[0]))} {N(y(points[0]))}");
        foreach (var point in points.Skip(1))
            path.Append($" H{N(x(point))} V{N(y(point))}");
        return path.ToString();
    }
}
