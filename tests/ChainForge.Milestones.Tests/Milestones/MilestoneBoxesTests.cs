using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class MilestoneBoxesTests
{
    [Fact]
    public void Every_list_with_boxes_and_every_checkpoint_is_found_by_its_form_name()
    {
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;

        var boxes = MilestoneBoxes.All(example).ToList();

        var listed = example.Requirements.Functional.Count + example.ImplementationPlan.Phases.Sum(p => p.Tasks.Count)
            + example.AcceptanceCriteria.MustHave.Count + example.AcceptanceCriteria.ShouldHave.Count + example.AcceptanceCriteria.CouldHave.Count
            + example.Testing.UnitTests.Count + example.Testing.IntegrationTests.Count + example.Testing.PerformanceTests.Count + example.Testing.SecurityTests.Count
            + example.DependencyTracking.Internal.Count + example.DependencyTracking.External.Count
            + example.Documentation.Technical.Count + example.Documentation.User.Count + 5;
        Assert.Equal(listed, boxes.Count);
        Assert.Equal(boxes.Count, boxes.Select(b => b.Name).Distinct().Count());
        Assert.Same(example.ImplementationPlan.Phases[1].Tasks[0], MilestoneBoxes.Find(example, "ImplementationPlan.Phases[1].Tasks[0]")!.Item);
        Assert.Same(example.Checkpoints.TestingComplete, MilestoneBoxes.Find(example, "Checkpoints.TestingComplete")!.Item);
        Assert.Null(MilestoneBoxes.Find(example, "Requirements.Functional[99]"));
    }

    [Fact]
    public void Ticking_a_box_sets_what_the_file_writes_as_its_box()
    {
        var milestone = new Milestone { Id = "M-001", Title = "Relay" };
        milestone.DependencyTracking.External.Add(new DependencyItem { Name = "libsecp256k1", Status = "released" });

        MilestoneBoxes.Find(milestone, "DependencyTracking.External[0]")!.Tick(true);
        MilestoneBoxes.Find(milestone, "Checkpoints.StartDate")!.Tick(true);

        var file = MarkdownExporter.Export(milestone);
        Assert.Contains("- [x] libsecp256k1 - released", file, StringComparison.Ordinal);
        Assert.Contains("- [x] **Start Date**:", file, StringComparison.Ordinal);
        Assert.True(MilestoneBoxes.Find(milestone, "Checkpoints.StartDate")!.Ticked);
    }
}
