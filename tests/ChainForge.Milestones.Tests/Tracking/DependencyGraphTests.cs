using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Tracking;

public sealed class DependencyGraphTests
{
    private static DependencyNode Node(string id, MilestoneStatus? status = null, params string[] entries) => new(id, $"Title of {id}", status, entries);

    private static List<(string, string)> Links(DependencyGraph graph) => [.. graph.Links.Select(l => (l.Dependent, l.Prerequisite))];

    [Fact]
    public void An_entry_that_starts_with_a_stored_id_links_to_that_milestone()
    {
        var graph = new DependencyGraph([Node("M-001", null, "M-003 Peer manager rewrite"), Node("M-003")]);

        Assert.Equal([("M-001", "M-003")], Links(graph));
    }

    [Fact]
    public void Entries_of_the_dependencies_line_that_name_no_milestone_are_unknown_but_free_text_internal_dependencies_are_not()
    {
        var m1 = new DependencyNode("M-001", "One", null, ["M-002", "m-404", " ", "M-002. done", "libp2p 0.53"]) { Declared = ["M-002", "m-404", " ", "M-002. done"] };
        var graph = new DependencyGraph([m1, Node("M-002")]);

        Assert.Equal(["m-404"], graph.UnknownDeclared("M-001"));
        Assert.Empty(graph.UnknownDeclared("M-002"));
        Assert.Empty(graph.UnknownDeclared("M-999"));
        var (milestone, unknown) = Assert.Single(graph.WithUnknownDeclared());
        Assert.Equal("M-001", milestone.Id);
        Assert.Equal(["m-404"], unknown);
    }

    [Fact]
    public void An_id_links_only_as_a_whole_word()
    {
        var graph = new DependencyGraph([Node("M-001", null, "M-0031 other", "M-003-beta", "see M-003"), Node("M-003")]);

        Assert.Empty(graph.Links);
    }

    [Fact]
    public void An_id_ending_a_sentence_or_followed_by_a_colon_still_links()
    {
        var graph = new DependencyGraph([Node("M-001", null, "M-003.", "m-004: wallet"), Node("M-003"), Node("M-004")]);

        Assert.Equal([("M-001", "M-003"), ("M-001", "M-004")], Links(graph));
    }

    [Fact]
    public void Free_text_and_ids_of_milestones_not_stored_link_nowhere()
    {
        var graph = new DependencyGraph([Node("M-001", null, "libp2p 0.53", "M-999 later")]);

        Assert.Empty(graph.Links);
    }

    [Fact]
    public void Internal_dependency_names_link_like_the_dependencies_line()
    {
        var milestone = new Milestone { Id = "M-001", Dependencies = ["M-002"] };
        milestone.DependencyTracking.Internal = [new DependencyItem { Name = "M-003 Peer manager rewrite", Status = "In progress" }];

        var graph = new DependencyGraph([DependencyNode.Of(milestone), Node("M-002"), Node("M-003")]);

        Assert.Equal([("M-001", "M-002"), ("M-001", "M-003")], Links(graph));
    }

    [Theory]
    [InlineData(MilestoneStatus.InProgress)]
    [InlineData(MilestoneStatus.Review)]
    [InlineData(MilestoneStatus.Completed)]
    public void A_milestone_under_way_is_blocked_by_a_dependency_not_completed(MilestoneStatus status)
    {
        var graph = new DependencyGraph([Node("M-001", status, "M-002", "M-003"), Node("M-002", MilestoneStatus.Review), Node("M-003", MilestoneStatus.Completed)]);

        Assert.Equal(["M-002"], graph.BlockedBy("M-001"));
    }

    [Fact]
    public void A_milestone_not_started_is_never_blocked()
    {
        var graph = new DependencyGraph([Node("M-001", MilestoneStatus.NotStarted, "M-002"), Node("M-002", MilestoneStatus.NotStarted)]);

        Assert.Empty(graph.Blocked());
    }

    [Fact]
    public void A_dependency_without_a_status_counts_as_not_completed()
    {
        var graph = new DependencyGraph([Node("M-001", MilestoneStatus.InProgress, "M-002"), Node("M-002")]);

        Assert.Equal(["M-002"], graph.BlockedBy("M-001"));
    }

    [Fact]
    public void A_graph_without_cycles_reports_none()
    {
        var graph = new DependencyGraph([Node("A", null, "B", "C"), Node("B", null, "C"), Node("C")]);

        Assert.Empty(graph.Cycles);
        Assert.DoesNotContain(graph.Links, l => l.OnCycle);
    }

    [Fact]
    public void Every_cycle_is_reported_once_as_an_id_path()
    {
        // A → B → A and A → B → C → A share the link A → B; D depends on itself.
        var graph = new DependencyGraph([Node("A", null, "B"), Node("B", null, "A", "C"), Node("C", null, "A"), Node("D", null, "D"), Node("E", null, "A")]);

        Assert.Equal(
            [["A", "B", "A"], ["A", "B", "C", "A"], ["D", "D"]],
            graph.Cycles.Select(c => c.ToArray()));
    }

    [Fact]
    public void A_tangle_with_more_cycles_than_can_be_listed_stops_at_the_limit_and_says_so()
    {
        // Every one of 14 milestones depends on every other: billions of cycles.
        var ids = Enumerable.Range(0, 14).Select(i => $"M-{i:00}").ToList();
        var graph = new DependencyGraph(ids.Select(id => Node(id, null, [.. ids.Where(other => other != id)])));

        Assert.Equal(DependencyGraph.MaxCycles, graph.Cycles.Count);
        Assert.False(graph.AllCyclesListed);
        Assert.All(graph.Links, l => Assert.True(l.OnCycle));
    }

    [Fact]
    public void A_graph_whose_cycles_are_all_listed_says_so() =>
        Assert.True(new DependencyGraph([Node("A", null, "B"), Node("B", null, "A")]).AllCyclesListed);

    [Fact]
    public void Links_on_a_cycle_are_marked_and_the_others_are_not()
    {
        var graph = new DependencyGraph([Node("A", null, "B"), Node("B", null, "A"), Node("E", null, "A")]);

        Assert.Equal([("A", "B", true), ("B", "A", true), ("E", "A", false)], graph.Links.Select(l => (l.Dependent, l.Prerequisite, l.OnCycle)));
    }

    [Fact]
    public void Layers_follow_the_longest_path_from_a_milestone_without_prerequisites()
    {
        // D depends on A directly and through B → C: the longest path puts it in layer 3.
        var graph = new DependencyGraph([Node("A"), Node("B", null, "A"), Node("C", null, "B"), Node("D", null, "A", "C")]);

        Assert.Equal([0, 1, 2, 3], graph.Layers());
    }

    [Fact]
    public void The_layout_puts_each_layer_in_its_own_column_and_draws_every_link()
    {
        var graph = new DependencyGraph([Node("A"), Node("B", null, "A"), Node("C", null, "A"), Node("D", null, "D")]);

        var layout = GraphLayout.Of(graph);

        var x = layout.Nodes.ToDictionary(n => n.Node.Id, n => n.X);
        Assert.Equal(x["A"], x["D"]);
        Assert.Equal(x["B"], x["C"]);
        Assert.True(x["B"] > x["A"]);
        Assert.Equal(3, layout.Edges.Count);
        Assert.All(layout.Nodes, n => Assert.True(n.X + GraphLayout.NodeWidth <= layout.Width && n.Y + GraphLayout.NodeHeight <= layout.Height));
    }
}
