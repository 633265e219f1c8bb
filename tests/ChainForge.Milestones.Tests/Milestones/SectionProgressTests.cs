using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class SectionProgressTests
{
    private static SectionTally Tally(Milestone milestone, string section) =>
        Assert.Single(SectionProgress.Of(milestone), t => t.Section == section);

    [Fact]
    public void A_blank_milestone_has_nothing_to_tick_anywhere()
    {
        var tallies = SectionProgress.Of(new Milestone());

        Assert.All(tallies, t => Assert.Equal((0, 0, 0), (t.Done, t.Total, t.Percent)));
    }

    [Fact]
    public void Tasks_are_counted_across_all_phases()
    {
        var milestone = new Milestone();
        milestone.ImplementationPlan.Phases[0].Tasks = [ChecklistItem.Of("a", true), ChecklistItem.Of("b", true)];
        milestone.ImplementationPlan.Phases[2].Tasks = [ChecklistItem.Of("c"), ChecklistItem.Of("d", true)];

        Assert.Equal((3, 4, 75), (Tally(milestone, "Tasks").Done, Tally(milestone, "Tasks").Total, Tally(milestone, "Tasks").Percent));
    }

    [Fact]
    public void Must_should_and_could_criteria_are_counted_apart()
    {
        var milestone = new Milestone();
        milestone.AcceptanceCriteria.MustHave = [ChecklistItem.Of("a", true), ChecklistItem.Of("b")];
        milestone.AcceptanceCriteria.ShouldHave = [ChecklistItem.Of("c", true)];
        milestone.AcceptanceCriteria.CouldHave = [ChecklistItem.Of("d"), ChecklistItem.Of("e"), ChecklistItem.Of("f")];

        Assert.Equal((1, 2), (Tally(milestone, "Must have").Done, Tally(milestone, "Must have").Total));
        Assert.Equal((1, 1), (Tally(milestone, "Should have").Done, Tally(milestone, "Should have").Total));
        Assert.Equal((0, 3), (Tally(milestone, "Could have").Done, Tally(milestone, "Could have").Total));
    }

    [Fact]
    public void Tests_of_all_four_kinds_are_counted_together()
    {
        var milestone = new Milestone();
        milestone.Testing.UnitTests = [ChecklistItem.Of("u", true)];
        milestone.Testing.IntegrationTests = [ChecklistItem.Of("i")];
        milestone.Testing.PerformanceTests = [ChecklistItem.Of("p", true)];
        milestone.Testing.SecurityTests = [ChecklistItem.Of("s")];

        Assert.Equal((2, 4), (Tally(milestone, "Tests").Done, Tally(milestone, "Tests").Total));
    }

    [Fact]
    public void Technical_and_user_documentation_are_counted_together()
    {
        var milestone = new Milestone();
        milestone.Documentation.Technical = [ChecklistItem.Of("t", true), ChecklistItem.Of("t2")];
        milestone.Documentation.User = [ChecklistItem.Of("u", true)];

        Assert.Equal((2, 3), (Tally(milestone, "Documentation").Done, Tally(milestone, "Documentation").Total));
    }

    [Fact]
    public void Dependencies_count_as_done_when_satisfied()
    {
        var milestone = new Milestone();
        milestone.DependencyTracking.Internal = [new DependencyItem { Name = "M-1", Satisfied = true }, new DependencyItem { Name = "M-2" }];
        milestone.DependencyTracking.External = [new DependencyItem { Name = "lib", Satisfied = true }];

        Assert.Equal((2, 3, 66), (Tally(milestone, "Dependencies satisfied").Done, Tally(milestone, "Dependencies satisfied").Total, Tally(milestone, "Dependencies satisfied").Percent));
    }
}
