using System.Globalization;

namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>A milestone's box in the picture.</summary>
public sealed record NodeBox(DependencyNode Node, int Layer, double X, double Y, bool Blocked)
{
    public string ShortTitle => GraphLayout.Shorten(Node.Title, 24);
}

/// <summary>An arrow from a prerequisite's box to its dependent's, as SVG path data.</summary>
public sealed record EdgePath(DependencyLink Link, string Path);

/// <summary>
/// The dependency graph laid out left to right in layers (see <see cref="DependencyGraph.Layers"/>):
/// prerequisites on the left, arrows pointing at the milestones that wait for them.
/// </summary>
public sealed class GraphLayout
{
    public const double NodeWidth = 190, NodeHeight = 46, LayerGap = 90, RowGap = 18, Margin = 24;

    private GraphLayout(List<NodeBox> nodes, List<EdgePath> edges, double width, double height)
    {
        Nodes = nodes;
        Edges = edges;
        Width = width;
        Height = height;
    }

    public IReadOnlyList<NodeBox> Nodes { get; }
    public IReadOnlyList<EdgePath> Edges { get; }
    public double Width { get; }
    public double Height { get; }

    /// <param name="blocked">The blocked milestones, when <paramref name="graph"/> is a part of the whole and cannot tell.</param>
    public static GraphLayout Of(DependencyGraph graph, IReadOnlySet<string>? blocked = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var layers = graph.Layers();
        blocked ??= graph.Blocked().Select(b => b.Milestone.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var row = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var boxes = new List<NodeBox>();
        var layerCount = layers.Length == 0 ? 0 : layers.Max() + 1;
        var tallest = 0;
        for (var layer = 0; layer < layerCount; layer++)
        {
            // Order a layer by where its prerequisites sit (their mean row), which uncrosses most arrows.
            var members = Enumerable.Range(0, graph.Nodes.Count).Where(i => layers[i] == layer)
                .Select(i => graph.Nodes[i])
                .Select(n => (Node: n, Centre: graph.PrerequisitesOf(n.Id).Select(p => row.TryGetValue(p.Id, out var r) ? r : (double?)null).OfType<double>().DefaultIfEmpty(double.MaxValue).Average()))
                .OrderBy(m => m.Centre).ThenBy(m => m.Node.Id, StringComparer.OrdinalIgnoreCase)
                .Select(m => m.Node).ToList();
            for (var r = 0; r < members.Count; r++)
            {
                row[members[r].Id] = r;
                boxes.Add(new NodeBox(members[r], layer, Margin + layer * (NodeWidth + LayerGap), Margin + r * (NodeHeight + RowGap), blocked.Contains(members[r].Id)));
            }
            tallest = Math.Max(tallest, members.Count);
        }
        var byId = boxes.ToDictionary(b => b.Node.Id, StringComparer.OrdinalIgnoreCase);
        var edges = graph.Links.Select(l => new EdgePath(l, PathOf(byId[l.Prerequisite], byId[l.Dependent]))).ToList();
        // Room on the right for the arrows that bow out of the last layer (cycles within a layer).
        var width = Margin * 2 + LayerGap / 2 + Math.Max(1, layerCount) * NodeWidth + Math.Max(0, layerCount - 1) * LayerGap;
        var height = Margin * 2 + Math.Max(1, tallest) * NodeHeight + Math.Max(0, tallest - 1) * RowGap;
        return new GraphLayout(boxes, edges, width, height);
    }

    private static string PathOf(NodeBox from, NodeBox to)
    {
        if (ReferenceEquals(from, to))
        {
            // A milestone that depends on itself: a small loop over its top right corner.
            double x = from.X + NodeWidth - 30, y = from.Y;
            return Invariant($"M {x} {y} C {x} {y - 28} {x + 44} {y - 28} {x + 30} {y}");
        }
        if (to.Layer > from.Layer)
        {
            double x1 = from.X + NodeWidth, y1 = from.Y + NodeHeight / 2, x2 = to.X, y2 = to.Y + NodeHeight / 2;
            var bend = (x2 - x1) / 2;
            return Invariant($"M {x1} {y1} C {x1 + bend} {y1} {x2 - bend} {y2} {x2} {y2}");
        }
        // Within a layer (only cycles put arrows there): bow out to the right, from one box's side to the other's.
        double sx = from.X + NodeWidth, sy = from.Y + NodeHeight / 2, ex = to.X + NodeWidth, ey = to.Y + NodeHeight / 2;
        var reach = 30 + Math.Abs(ey - sy) / 4;
        return Invariant($"M {sx} {sy} C {sx + reach} {sy} {ex + reach} {ey} {ex + 2} {ey}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Shorten(string text, int length) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1).TrimEnd(), "…");
}
