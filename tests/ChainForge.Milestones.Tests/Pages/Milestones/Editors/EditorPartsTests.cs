using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Pages.Milestones.Editors;
using DiffPlex.DiffBuilder.Model;

namespace ChainForge.Milestones.Tests.Pages.Milestones.Editors;

/// <summary>The plain parts behind the editor: the list registry, the preview's link filter, the diff of a refused save.</summary>
public sealed class EditorPartsTests
{
    [Fact]
    public void Every_list_of_the_registry_is_found_by_its_path()
    {
        var milestone = new Milestone();

        foreach (var list in MilestoneLists.All(milestone))
            Assert.Same(list.Items, MilestoneLists.Find(milestone, list.Path).Items);
    }

    [Fact]
    public void A_list_edit_naming_no_list_changes_nothing()
    {
        var milestone = new Milestone();

        Assert.False(MilestoneLists.TryApply(milestone, "add|Nowhere"));
        Assert.False(MilestoneLists.TryApply(milestone, "remove|Requirements.Functional|x|y"));
    }

    [Fact]
    public void Moving_the_first_extra_metric_up_leaves_the_fixed_ones_in_place()
    {
        var milestone = new Milestone();
        milestone.Metrics.TechnicalMetrics.Add(new SuccessMetric { Key = "Throughput", Metric = "blocks/s" });

        MilestoneLists.TryApply(milestone, "up|Metrics.TechnicalMetrics|3");

        Assert.Equal([.. SuccessMetrics.TechnicalKeys, "Throughput"], milestone.Metrics.TechnicalMetrics.Select(m => m.Key));
    }

    [Fact]
    public void A_field_of_a_task_is_labelled_with_its_phase_and_place() =>
        Assert.Equal("Phase 2 tasks, task 3: Text", MilestoneLists.Label(new Milestone(), "Milestone.ImplementationPlan.Phases[1].Tasks[2].Text"));

    [Fact]
    public void The_id_is_labelled_as_the_template_spells_it() =>
        Assert.Equal("ID", MilestoneLists.Label(new Milestone(), "Milestone.Id"));

    [Fact]
    public void A_single_field_is_labelled_with_its_words() =>
        Assert.Equal("Review, Technical Review, Reviewer", MilestoneLists.Label(new Milestone(), "Milestone.Review.TechnicalReview.Reviewer"));
}
