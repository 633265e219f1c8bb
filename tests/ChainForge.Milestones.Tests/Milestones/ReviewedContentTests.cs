using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones;

public sealed class ReviewedContentTests
{
    private static Milestone Example() => MarkdownImporter.Import(Fixture.Example).Milestone!;

    /// <summary>An edit of each part (of the example), and which reviews it must turn stale.</summary>
    private static readonly Dictionary<string, (Action<Milestone> Edit, Coverage Stales)> Edits = new()
    {
        ["Title"] = (m => m.Title += " v2", Coverage.Business),
        ["Phase"] = (m => m.Phase = 9, Coverage.Business),
        ["Priority"] = (m => m.Priority = Priority.Low, Coverage.Business),
        ["Estimated Effort"] = (m => m.StoryPoints = 99, Coverage.Business),
        ["the Dependencies line"] = (m => m.Dependencies.Add("M-099"), Coverage.Business),
        [Template.ProblemStatement] = (m => m.ProblemStatement += " More.", Coverage.Business),
        [Template.SolutionOverview] = (m => m.SolutionOverview += " More.", Coverage.Business),
        [Template.DetailedRequirements] = (m => m.Requirements.NonFunctional.Security = "TLS only", Coverage.Technical),
        [Template.TechnicalDesign] = (m => m.Design.Architecture += " More.", Coverage.Technical),
        [Template.ImplementationPlan] = (m => m.ImplementationPlan.Phases[0].Tasks.Add(ChecklistItem.Of("Another task")), Coverage.Technical),
        [Template.AcceptanceCriteria] = (m => m.AcceptanceCriteria.MustHave[0].Text += " in 1 s", Coverage.Both),
        [Template.TestingStrategy] = (m => m.Testing.UnitTests.Add(ChecklistItem.Of("Fuzz the decoder")), Coverage.Technical),
        [Template.TechnicalRisks] = (m => m.Risks.TechnicalRisks.Clear(), Coverage.Technical),
        [Template.BusinessRisks] = (m => m.Risks.BusinessRisks.Add(new Risk { Description = "Late", Mitigation = "Start early" }), Coverage.Business),
        [Template.TechnicalMetrics] = (m => m.Metrics.TechnicalMetrics[0].Target = "1 ms", Coverage.Technical),
        [Template.BusinessMetrics] = (m => m.Metrics.BusinessMetrics[0].Target = "90%", Coverage.Business),
        [Template.Dependencies] = (m => m.DependencyTracking.External.Add(new DependencyItem { Name = "libsodium" }), Coverage.Technical),
        [Template.TechnicalDocumentation] = (m => m.Documentation.Technical.Add(ChecklistItem.Of("Runbook")), Coverage.Technical),
        [Template.UserDocumentation] = (m => m.Documentation.User.Add(ChecklistItem.Of("FAQ")), Coverage.Business),
        [Template.NotesAndComments] = (m => m.Notes += " More.", Coverage.Both),
        ["sections the template does not have"] = (m => m.ExtraSections.Add(new ExtraSection { Heading = "Glossary", Body = "Words." }), Coverage.Both),
    };

    [Fact]
    public void Every_declared_part_has_an_edit_here() =>
        Assert.Equal(ReviewedContent.Parts.Select(p => p.Name).Order(), Edits.Keys.Order());

    public static TheoryData<string> Parts() => [.. ReviewedContent.Parts.Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(Parts))]
    public void An_edit_of_a_part_stales_exactly_the_reviews_that_cover_it(string part)
    {
        var (edit, stales) = Edits[part];
        var edited = Example();
        edit(edited);

        foreach (var kind in Enum.GetValues<ReviewKind>())
        {
            var changed = ReviewedContent.Hash(Example(), kind) != ReviewedContent.Hash(edited, kind);
            Assert.True(changed == stales.HasFlag(ReviewedContent.CoverageOf(kind)), $"{part}: the {kind} review {(changed ? "changed" : "did not change")}");
            Assert.Equal(changed ? [part] : [], ReviewedContent.ChangedParts(Example(), edited, kind));
        }
    }

    [Fact]
    public void Ticks_progress_checkpoints_the_assignee_and_the_reviews_stale_no_review()
    {
        var changed = Example();
        changed.Review.BusinessReview.Status = ReviewStatus.Approved;
        changed.Status = MilestoneStatus.Review;
        changed.Progress = 90;
        changed.LastUpdated = new DateOnly(2026, 12, 1);
        changed.Checkpoints.DevelopmentComplete.Reached = true;
        changed.AssignedTo = "Somebody Else";
        foreach (var item in changed.AcceptanceCriteria.MustHave.Concat(changed.ImplementationPlan.Phases.SelectMany(p => p.Tasks)))
            item.Done = !item.Done;
        foreach (var dependency in changed.DependencyTracking.Internal)
            (dependency.Satisfied, dependency.Status) = (!dependency.Satisfied, "DONE");

        foreach (var kind in Enum.GetValues<ReviewKind>())
            Assert.Equal(ReviewedContent.Hash(Example(), kind), ReviewedContent.Hash(changed, kind));
    }

    [Fact]
    public void A_reviews_content_holds_only_the_parts_it_covers()
    {
        var technical = ReviewedContent.Markdown(Example(), ReviewKind.Technical);
        var business = ReviewedContent.Markdown(Example(), ReviewKind.Business);

        Assert.DoesNotContain("Priya Natarajan", technical, StringComparison.Ordinal);
        Assert.DoesNotContain("45% complete", technical, StringComparison.Ordinal);
        Assert.Contains(Example().Design.Architecture, technical, StringComparison.Ordinal);
        Assert.DoesNotContain(Example().Design.Architecture, business, StringComparison.Ordinal);
        Assert.Contains(Example().ProblemStatement, business, StringComparison.Ordinal);
        Assert.DoesNotContain(Example().ProblemStatement, technical, StringComparison.Ordinal);
    }
}
