using System.Security.Cryptography;
using System.Text;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>Which reviews sign off a part of the milestone.</summary>
[Flags]
public enum Coverage
{
    None = 0,
    Technical = 1,
    Business = 2,
    Both = Technical | Business,
}

/// <summary>
/// A part of the milestone that a review signs off, in the template's words, and how to leave it
/// out of a copy (the value a blank milestone has).
/// </summary>
public sealed record ReviewedPart(string Name, Coverage CoveredBy, Action<Milestone> Clear);

/// <summary>
/// What a reviewer approves: the parts of the milestone that their review covers, without the
/// ticks of its checklists. The review section, progress tracking, ticks and who works on it
/// change as the work goes on without changing what was agreed, so they are never covered:
/// ticking the Must Haves must not undo the approvals that completion needs.
/// </summary>
public static class ReviewedContent
{
    /// <summary>The scopes of the two reviews, declared once (the README's table is this one).</summary>
    public static readonly IReadOnlyList<ReviewedPart> Parts =
    [
        new("Title", Coverage.Business, m => m.Title = ""),
        new("Phase", Coverage.Business, m => m.Phase = null),
        new("Priority", Coverage.Business, m => m.Priority = null),
        new("Estimated Effort", Coverage.Business, m => (m.StoryPoints, m.Weeks) = (null, null)),
        new("the Dependencies line", Coverage.Business, m => m.Dependencies = []),
        new(Template.ProblemStatement, Coverage.Business, m => m.ProblemStatement = ""),
        new(Template.SolutionOverview, Coverage.Business, m => m.SolutionOverview = ""),
        new(Template.DetailedRequirements, Coverage.Technical, m => m.Requirements = new()),
        new(Template.TechnicalDesign, Coverage.Technical, m => m.Design = new()),
        new(Template.ImplementationPlan, Coverage.Technical, m => m.ImplementationPlan = new()),
        new(Template.AcceptanceCriteria, Coverage.Both, m => m.AcceptanceCriteria = new()),
        new(Template.TestingStrategy, Coverage.Technical, m => m.Testing = new()),
        new(Template.TechnicalRisks, Coverage.Technical, m => m.Risks.TechnicalRisks = []),
        new(Template.BusinessRisks, Coverage.Business, m => m.Risks.BusinessRisks = []),
        new(Template.TechnicalMetrics, Coverage.Technical, m => m.Metrics.TechnicalMetrics = SuccessMetric.ForKeys(SuccessMetrics.TechnicalKeys)),
        new(Template.BusinessMetrics, Coverage.Business, m => m.Metrics.BusinessMetrics = SuccessMetric.ForKeys(SuccessMetrics.BusinessKeys)),
        new(Template.Dependencies, Coverage.Technical, m => m.DependencyTracking = new()),
        new(Template.TechnicalDocumentation, Coverage.Technical, m => m.Documentation.Technical = []),
        new(Template.UserDocumentation, Coverage.Business, m => m.Documentation.User = []),
        new(Template.NotesAndComments, Coverage.Both, m => m.Notes = ""),
        new("sections the template does not have", Coverage.Both, m => m.ExtraSections = []),
    ];

    public static Coverage CoverageOf(ReviewKind kind) => kind == ReviewKind.Technical ? Coverage.Technical : Coverage.Business;

    /// <summary>The parts <paramref name="kind"/> covers, in the template's order.</summary>
    public static IEnumerable<ReviewedPart> PartsOf(ReviewKind kind) => Parts.Where(p => p.CoveredBy.HasFlag(CoverageOf(kind)));

    /// <summary>The milestone's markdown with only what <paramref name="kind"/> covers filled in.</summary>
    public static string Markdown(Milestone milestone, ReviewKind kind) =>
        MarkdownExporter.Export(Keeping(milestone, PartsOf(kind)));

    /// <summary>SHA-256 of <see cref="Markdown"/>, as lower-case hex.</summary>
    public static string Hash(Milestone milestone, ReviewKind kind) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Markdown(milestone, kind))));

    /// <summary>The names of the parts covered by <paramref name="kind"/> that differ between the two, in the template's order.</summary>
    public static IReadOnlyList<string> ChangedParts(Milestone before, Milestone after, ReviewKind kind) =>
        [.. PartsOf(kind).Where(p => Fingerprint(before, p) != Fingerprint(after, p)).Select(p => p.Name)];

    /// <summary>A copy holding only <paramref name="kept"/>, without ticks or anything of progress tracking.</summary>
    private static Milestone Keeping(Milestone milestone, IEnumerable<ReviewedPart> kept)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var copy = milestone.Copy();
        var keep = kept.ToHashSet();
        foreach (var part in Parts.Where(p => !keep.Contains(p)))
            part.Clear(copy);
        copy.AssignedTo = "";
        copy.Review = new ReviewAndApproval();
        copy.Status = null;
        copy.Progress = null;
        copy.ProgressPinned = false;
        copy.LastUpdated = null;
        copy.Checkpoints = new Checkpoints();
        IEnumerable<ChecklistItem> ticked = [
            .. copy.Requirements.Functional, .. copy.ImplementationPlan.Phases.SelectMany(p => p.Tasks),
            .. copy.AcceptanceCriteria.MustHave, .. copy.AcceptanceCriteria.ShouldHave, .. copy.AcceptanceCriteria.CouldHave,
            .. copy.Testing.UnitTests, .. copy.Testing.IntegrationTests, .. copy.Testing.PerformanceTests, .. copy.Testing.SecurityTests,
            .. copy.Documentation.Technical, .. copy.Documentation.User];
        foreach (var item in ticked)
            item.Done = false;
        // A dependency's name is agreed on; its status and tick are tracking.
        foreach (var dependency in copy.DependencyTracking.Internal.Concat(copy.DependencyTracking.External))
            (dependency.Status, dependency.Satisfied) = ("", false);
        return copy;
    }

    private static string Fingerprint(Milestone milestone, ReviewedPart part) =>
        MarkdownExporter.Export(Keeping(milestone, [part]));
}
