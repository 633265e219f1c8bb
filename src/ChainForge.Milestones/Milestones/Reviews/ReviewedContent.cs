using System.Security.Cryptography;
using System.Text;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// What a reviewer approves: the milestone's markdown without the Review &amp; Approval and
/// Progress Tracking sections, which change as the work goes on without changing what was agreed.
/// </summary>
public static class ReviewedContent
{
    public static string Markdown(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var reviewed = milestone.ShallowCopy();
        reviewed.Review = new ReviewAndApproval();
        reviewed.Status = null;
        reviewed.Progress = null;
        reviewed.LastUpdated = null;
        reviewed.Checkpoints = new Checkpoints();
        return MarkdownExporter.Export(reviewed);
    }

    /// <summary>SHA-256 of <see cref="Markdown"/>, as lower-case hex.</summary>
    public static string Hash(Milestone milestone) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Markdown(milestone))));
}
