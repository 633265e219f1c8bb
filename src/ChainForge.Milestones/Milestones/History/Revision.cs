namespace ChainForge.Milestones.Milestones.History;

/// <summary>How a revision came to be stored.</summary>
public enum RevisionKind { Save, Import, Restore, Review, Archive }

/// <summary>One stored state of a milestone: its exported markdown, who stored it, when and how.</summary>
public sealed class Revision
{
    public long Id { get; set; }
    public string MilestoneId { get; set; } = "";
    /// <summary>1 for a milestone's first revision, then one more for each.</summary>
    public int Number { get; set; }
    public RevisionKind Kind { get; set; }
    /// <summary>Whoever the caller names: "command line", "import", a user name.</summary>
    public string Author { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
    public string Markdown { get; set; } = "";

    /// <summary><see cref="Reviews.ReviewedContent.Hash"/> of each review's parts, to find who changed them.</summary>
    public string TechnicalHash { get; set; } = "";
    public string BusinessHash { get; set; } = "";

    /// <summary>
    /// The implementation plan's tasks in this revision (<see cref="Tracking.TaskCount"/>), for the
    /// burn-up. Null until the start-up computes them for a revision stored before they were kept.
    /// </summary>
    public int? TasksPlanned { get; set; }
    public int? TasksDone { get; set; }
    public int? TasksAdded { get; set; }
    public int? TasksRemoved { get; set; }

    public string HashOf(Reviews.ReviewKind kind) => kind == Reviews.ReviewKind.Technical ? TechnicalHash : BusinessHash;
}
