namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// A reviewer's comment on one part of a milestone, kept in the app (the template's one Comments
/// line per review stays the summary that the export writes); open until an author resolves it.
/// </summary>
public sealed class SectionComment
{
    public long Id { get; set; }
    public string MilestoneId { get; set; } = "";
    /// <summary>The part commented on, by its name in <see cref="ReviewedContent.Parts"/>.</summary>
    public string Section { get; set; } = "";
    public string Text { get; set; } = "";
    public string Reviewer { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string ResolvedBy { get; set; } = "";
    public DateTimeOffset? ResolvedAt { get; set; }
}
