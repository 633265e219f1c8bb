namespace ChainForge.Milestones.Milestones.Tracking;

/// <summary>
/// What the dependency rules need of a milestone: its Dependencies line entries and its
/// internal dependency names (<see cref="Entries"/>), which may name other milestones.
/// </summary>
public sealed record DependencyNode(string Id, string Title, MilestoneStatus? Status, IReadOnlyList<string> Entries)
{
    /// <summary>
    /// The entries of the Information section's Dependencies line, which the template makes a list of
    /// milestone IDs: one that names no stored milestone is worth a warning (the internal
    /// dependencies may be free text).
    /// </summary>
    public IReadOnlyList<string> Declared { get; init; } = [];

    /// <summary>The milestone IDs its entries may name: what to read to learn what blocks it.</summary>
    public IReadOnlyList<string> NamedIds => [.. Entries.SelectMany(DependencyGraph.IdsNamedBy).Distinct(StringComparer.OrdinalIgnoreCase)];

    public static DependencyNode Of(Milestone milestone) =>
        Of(milestone.Id, milestone.Title, milestone.Status, milestone.Dependencies, milestone.DependencyTracking);

    /// <summary>From the columns a query reads, without the whole milestone.</summary>
    public static DependencyNode Of(string id, string title, MilestoneStatus? status, List<string> dependencies, DependencyTracking tracking) =>
        new(id, title, status, [.. dependencies, .. tracking.Internal.Select(d => d.Name)]) { Declared = dependencies };
}

/// <summary><see cref="Dependent"/> depends on <see cref="Prerequisite"/>; on a cycle when they reach each other.</summary>
public sealed record DependencyLink(string Dependent, string Prerequisite, bool OnCycle);

/// <summary>A milestone under way (or past) whose prerequisites are not all COMPLETED.</summary>
public sealed record BlockedMilestone(DependencyNode Milestone, IReadOnlyList<string> BlockedBy);

/// <summary>
/// The links between stored milestones. An entry links to a milestone when it starts with
/// that milestone's ID as a whole word ("M-003 Peer manager rewrite" names M-003, "M-0031" does not);
/// entries naming no stored milestone are free text and link nowhere.
/// </summary>
public sealed class DependencyGraph
{
    /// <summary>Enough cycles to act on; listing every one of a dense tangle could take forever.</summary>
    public const int MaxCycles = 100;

    /// <summary>Steps of the cycle search before it gives up, so a tangle cannot hold a page up.</summary>
    private const int SearchBudget = 200_000;

    private readonly Dictionary<string, int> _index;
    private readonly List<int>[] _prerequisites;

    public DependencyGraph(IEnumerable<DependencyNode> nodes)
    {
        Nodes = [.. nodes.OrderBy(n => n.Id, StringComparer.OrdinalIgnoreCase)];
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Nodes.Count; i++)
            _index.TryAdd(Nodes[i].Id, i);
        _prerequisites = [.. Nodes.Select(n => n.Entries.Select(Resolve).OfType<int>().Distinct().ToList())];
        Component = StronglyConnectedComponents();
        Links = [.. Nodes.SelectMany((n, i) => _prerequisites[i].Select(p => new DependencyLink(n.Id, Nodes[p].Id, IsOnCycle(i, p))))];
        Cycles = FindCycles();
    }

    /// <summary>Every milestone, ordered by ID.</summary>
    public IReadOnlyList<DependencyNode> Nodes { get; }

    public IReadOnlyList<DependencyLink> Links { get; }

    /// <summary>Each elementary cycle once, as an ID path that starts and ends at its smallest ID (up to <see cref="MaxCycles"/>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles { get; }

    /// <summary>False when the search stopped early (too many cycles or too tangled): <see cref="Cycles"/> is then a part.</summary>
    public bool AllCyclesListed { get; private set; } = true;

    /// <summary>For each node, the number of its strongly connected component.</summary>
    internal int[] Component { get; }

    /// <summary>The stored milestone an entry names, by index; null for free text.</summary>
    private int? Resolve(string entry)
    {
        foreach (var id in IdsNamedBy(entry))
        {
            if (_index.TryGetValue(id, out var i))
                return i;
        }
        return null;
    }

    /// <summary>The IDs an entry may name, the first stored one wins: its first word, then that word without each trailing dot.</summary>
    public static IEnumerable<string> IdsNamedBy(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var end = 0;
        while (end < entry.Length && IsIdChar(entry[end]))
            end++;
        var word = entry[..end];
        // "M-003." at the end of a sentence still names M-003.
        while (word.Length > 0)
        {
            yield return word;
            if (!word.EndsWith('.'))
                yield break;
            word = word[..^1];
        }
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-';

    /// <summary>
    /// The milestones within <paramref name="depth"/> links of <paramref name="id"/>, either way
    /// (what it waits for and what waits for it), itself included; none when it is not stored.
    /// </summary>
    public IReadOnlyList<DependencyNode> Around(string id, int depth)
    {
        if (!_index.TryGetValue(id, out var start))
            return [];
        var dependents = Enumerable.Range(0, Nodes.Count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < Nodes.Count; i++)
        {
            foreach (var p in _prerequisites[i])
                dependents[p].Add(i);
        }
        var reached = new HashSet<int> { start };
        var frontier = new List<int> { start };
        for (var step = 0; step < depth && frontier.Count > 0; step++)
            frontier = [.. frontier.SelectMany(n => _prerequisites[n].Concat(dependents[n])).Where(reached.Add)];
        return [.. reached.Order().Select(i => Nodes[i])];
    }

    /// <summary>The Dependencies entries of <paramref name="node"/> that name no milestone of this graph.</summary>
    public IReadOnlyList<string> UnknownDeclared(DependencyNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return [.. node.Declared.Where(entry => !string.IsNullOrWhiteSpace(entry) && Resolve(entry) is null)];
    }

    /// <summary>The milestone <paramref name="id"/>'s Dependencies entries that name no milestone of this graph.</summary>
    public IReadOnlyList<string> UnknownDeclared(string id) =>
        _index.TryGetValue(id, out var i) ? UnknownDeclared(Nodes[i]) : [];

    /// <summary>Each milestone whose Dependencies line names a milestone that does not exist, with those entries.</summary>
    public IEnumerable<(DependencyNode Milestone, IReadOnlyList<string> Unknown)> WithUnknownDeclared() =>
        Nodes.Select(n => (n, UnknownDeclared(n))).Where(x => x.Item2.Count > 0);

    public IEnumerable<DependencyNode> PrerequisitesOf(string id) =>
        _index.TryGetValue(id, out var i) ? _prerequisites[i].Select(p => Nodes[p]) : [];

    /// <summary>
    /// Blocked: the milestone is IN_PROGRESS, in REVIEW or COMPLETED while a milestone it depends
    /// on is not COMPLETED (a status not filled in counts as not completed).
    /// </summary>
    public IEnumerable<BlockedMilestone> Blocked()
    {
        for (var i = 0; i < Nodes.Count; i++)
        {
            if (Nodes[i].Status is not (MilestoneStatus.InProgress or MilestoneStatus.Review or MilestoneStatus.Completed))
                continue;
            var blockers = _prerequisites[i].Where(p => Nodes[p].Status != MilestoneStatus.Completed).Select(p => Nodes[p].Id).ToList();
            if (blockers.Count > 0)
                yield return new BlockedMilestone(Nodes[i], blockers);
        }
    }

    public IReadOnlyList<string> BlockedBy(string id) =>
        Blocked().FirstOrDefault(b => string.Equals(b.Milestone.Id, id, StringComparison.OrdinalIgnoreCase))?.BlockedBy ?? [];

    private bool IsOnCycle(int dependent, int prerequisite) =>
        dependent == prerequisite || Component[dependent] == Component[prerequisite];

    /// <summary>Tarjan's algorithm: nodes that reach each other share a number.</summary>
    private int[] StronglyConnectedComponents()
    {
        var n = Nodes.Count;
        var component = Enumerable.Repeat(-1, n).ToArray();
        var order = Enumerable.Repeat(-1, n).ToArray();
        var low = new int[n];
        var onStack = new bool[n];
        var stack = new Stack<int>();
        int counter = 0, components = 0;

        void Visit(int v)
        {
            order[v] = low[v] = counter++;
            stack.Push(v);
            onStack[v] = true;
            foreach (var w in _prerequisites[v])
            {
                if (order[w] < 0)
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack[w])
                    low[v] = Math.Min(low[v], order[w]);
            }
            if (low[v] != order[v])
                return;
            int x;
            do
            {
                x = stack.Pop();
                onStack[x] = false;
                component[x] = components;
            } while (x != v);
            components++;
        }

        for (var v = 0; v < n; v++)
        {
            if (order[v] < 0)
                Visit(v);
        }
        return component;
    }

    /// <summary>
    /// Each cycle is found once, from its smallest node: a search from node s only walks
    /// nodes after s in its own component and reports every way back to s.
    /// </summary>
    private List<IReadOnlyList<string>> FindCycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        var path = new List<int>();
        var onPath = new bool[Nodes.Count];
        var steps = 0;

        void Walk(int start, int v)
        {
            foreach (var w in _prerequisites[v])
            {
                if (!AllCyclesListed || ++steps > SearchBudget || (w == start && cycles.Count == MaxCycles))
                {
                    AllCyclesListed = false;
                    return;
                }
                if (w == start)
                    cycles.Add([.. path.Select(p => Nodes[p].Id), Nodes[start].Id]);
                else if (w > start && !onPath[w] && Component[w] == Component[start])
                {
                    path.Add(w);
                    onPath[w] = true;
                    Walk(start, w);
                    onPath[w] = false;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        for (var s = 0; s < Nodes.Count && AllCyclesListed; s++)
        {
            path.Add(s);
            Walk(s, s);
            path.Clear();
        }
        return cycles;
    }

    /// <summary>
    /// Longest-path layering: a milestone with no prerequisites is in layer 0, any other one
    /// layer after its furthest prerequisite. Links on a cycle are left out, or there would be
    /// no end; the milestones of a cycle then share a layer.
    /// </summary>
    public int[] Layers()
    {
        var layer = Enumerable.Repeat(-1, Nodes.Count).ToArray();

        int LayerOf(int v)
        {
            if (layer[v] >= 0)
                return layer[v];
            var furthest = -1;
            foreach (var p in _prerequisites[v])
            {
                if (!IsOnCycle(v, p))
                    furthest = Math.Max(furthest, LayerOf(p));
            }
            return layer[v] = furthest + 1;
        }

        for (var v = 0; v < Nodes.Count; v++)
            LayerOf(v);
        return layer;
    }
}
