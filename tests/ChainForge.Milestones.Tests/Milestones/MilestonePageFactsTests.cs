using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class MilestonePageFactsTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    [Fact]
    public void The_facts_are_what_the_page_made_from_the_whole_milestone_showed()
    {
        var milestone = new SampleMilestones(3).Generate(1, 7).Single();

        var facts = MilestonePageFacts.FromJson(MilestonePageFacts.Of(milestone).ToJson());

        Assert.NotNull(facts);
        Assert.Equal((milestone.Id, milestone.Title, milestone.Status, milestone.Priority, milestone.Phase, milestone.AssignedTo, milestone.LastUpdated),
            (facts.Id, facts.Title, facts.Status, facts.Priority, facts.Phase, facts.AssignedTo, facts.LastUpdated));
        Assert.Equal(SectionProgress.Of(milestone), facts.Sections);
        Assert.Equal(Gates.Broken(milestone), facts.BrokenGates);
        Assert.Equal(milestone.Review.TechnicalReview.Status, facts.Review.TechnicalReview.Status);
        Assert.Equal(milestone.Review.BusinessReview.Comments, facts.Review.BusinessReview.Comments);
        var graph = new DependencyGraph([DependencyNode.Of(milestone)]);
        var expected = TrackingSummary.Of(milestone, Today, graph);
        var tracking = facts.Tracking(Today, []);
        Assert.Equal((expected.Progress, expected.ProgressPinned, expected.Plan), (tracking.Progress, tracking.ProgressPinned, tracking.Plan));
        Assert.Equal(expected.Checkpoints, tracking.Checkpoints);
        Assert.Equal(expected.UnknownDependencies, tracking.UnknownDependencies);
    }

    [Fact]
    public void A_broken_gate_is_kept_with_the_facts()
    {
        var milestone = new Milestone { Id = "M-001", Status = MilestoneStatus.Review };

        Assert.Equal(Gates.Broken(milestone), MilestonePageFacts.FromJson(MilestonePageFacts.Of(milestone).ToJson())!.BrokenGates);
        Assert.NotEmpty(Gates.Broken(milestone));
    }

    /// <summary>
    /// Stored facts are read until the milestone's next save: a change to what <see cref="MilestonePageFacts.Of"/>
    /// makes (a gate's wording, a checklist's tally) must move <see cref="MilestonePageFacts.CurrentFormat"/>
    /// on, or pages keep showing the old facts. This fails at any such change, to say so.
    /// </summary>
    [Fact]
    public void The_facts_of_a_fixed_milestone_are_the_ones_of_this_format()
    {
        var milestone = new Milestone
        {
            Id = "M-001",
            Title = "Relay",
            Status = MilestoneStatus.Review,
            Dependencies = ["M-002", "a vendor"],
            Requirements = new() { Functional = [ChecklistItem.Of("Relays blocks", true), ChecklistItem.Of("Drops spam")] },
            Checkpoints = new() { StartDate = new() { Date = new DateOnly(2026, 12, 1), Reached = true } },
        };

        var json = MilestonePageFacts.Of(milestone).ToJson();

        Assert.True(json == CurrentFacts, $"The facts changed: move MilestonePageFacts.CurrentFormat on (now {MilestonePageFacts.CurrentFormat}), then set this test's expected facts to:\n{json}");
        // The page reader's SQL and the start-up's backfill tell current facts by how they begin.
        Assert.StartsWith(MilestonePageFacts.CurrentPrefix, json, StringComparison.Ordinal);
    }

    private const string CurrentFacts = """
        {"Format":2,"Id":"M-001","Title":"Relay","Status":"Review","Priority":null,"Phase":null,"AssignedTo":"","LastUpdated":null,"Progress":null,"ProgressPinned":false,"Review":{"TechnicalReview":{"Reviewer":"","Date":null,"Status":null,"Comments":""},"BusinessReview":{"Reviewer":"","Date":null,"Status":null,"Comments":""}},"Checkpoints":{"StartDate":{"Date":"2026-12-01","Reached":true},"DevelopmentComplete":{"Date":null,"Reached":false},"TestingComplete":{"Date":null,"Reached":false},"ReviewComplete":{"Date":null,"Reached":false},"Deployment":{"Date":null,"Reached":false}},"Plan":{"Tasks":{"Ticked":0,"Total":0,"Percent":null},"MustHave":{"Ticked":0,"Total":0,"Percent":null},"Tests":{"Ticked":0,"Total":0,"Percent":null},"Documentation":{"Ticked":0,"Total":0,"Percent":null},"Figure":null},"Sections":[{"Section":"Functional requirements","Done":1,"Total":2,"Percent":50},{"Section":"Tasks","Done":0,"Total":0,"Percent":0},{"Section":"Must have","Done":0,"Total":0,"Percent":0},{"Section":"Should have","Done":0,"Total":0,"Percent":0},{"Section":"Could have","Done":0,"Total":0,"Percent":0},{"Section":"Tests","Done":0,"Total":0,"Percent":0},{"Section":"Documentation","Done":0,"Total":0,"Percent":0},{"Section":"Dependencies satisfied","Done":0,"Total":0,"Percent":0}],"BrokenGates":["Review needs Problem Statement, Solution Overview and Must Have criteria filled in: they still hold the template\u0027s placeholders."],"DependencyEntries":["M-002","a vendor"],"DeclaredDependencies":["M-002","a vendor"],"NamedIds":["M-002","a"]}
        """;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"Format":0,"Id":"M-001"}""")]
    public void Facts_of_another_format_or_no_facts_are_none(string? json) =>
        Assert.Null(MilestonePageFacts.FromJson(json));

    [Fact]
    public void Facts_of_an_older_format_are_none()
    {
        var json = MilestonePageFacts.Of(new Milestone { Id = "M-001" }).ToJson()
            .Replace($"\"Format\":{MilestonePageFacts.CurrentFormat}", "\"Format\":0", StringComparison.Ordinal);

        Assert.Null(MilestonePageFacts.FromJson(json));
    }
}
