using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// What a reviewer approves: the milestone's markdown without the Review &amp; Approval and
/// Progress Tracking sections and without the ticks of its checklists. Those change as the
/// work goes on without changing what was agreed; ticking the Must Haves must not undo the
/// approvals that completion needs.
/// </summary>
public static class ReviewedContent
{
    public static string Markdown(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var reviewed = JsonSerializer.Deserialize<Milestone>(JsonSerializer.Serialize(milestone))!;
        reviewed.Review = new ReviewAndApproval();
        reviewed.Status = null;
        reviewed.Progress = null;
        reviewed.LastUpdated = null;
        reviewed.Checkpoints = new Checkpoints();
        IEnumerable<ChecklistItem> ticked = [
            .. reviewed.Requirements.Functional, .. reviewed.ImplementationPlan.Phases.SelectMany(p => p.Tasks),
            .. reviewed.AcceptanceCriteria.MustHave, .. reviewed.AcceptanceCriteria.ShouldHave, .. reviewed.AcceptanceCriteria.CouldHave,
            .. reviewed.Testing.UnitTests, .. reviewed.Testing.IntegrationTests, .. reviewed.Testing.PerformanceTests, .. reviewed.Testing.SecurityTests,
            .. reviewed.Documentation.Technical, .. reviewed.Documentation.User];
        foreach (var item in ticked)
            item.Done = false;
        foreach (var dependency in reviewed.DependencyTracking.Internal.Concat(reviewed.DependencyTracking.External))
            dependency.Satisfied = false;
        return MarkdownExporter.Export(reviewed);
    }

    /// <summary>SHA-256 of <see cref="Markdown"/>, as lower-case hex.</summary>
    public static string Hash(Milestone milestone) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Markdown(milestone))));
}
