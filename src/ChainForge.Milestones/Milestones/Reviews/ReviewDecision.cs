namespace ChainForge.Milestones.Milestones.Reviews;

public enum ReviewKind { Technical, Business }

/// <summary>Where a decision came from.</summary>
public enum ReviewSource
{
    /// <summary>A reviewer signed in to the app decided.</summary>
    App,

    /// <summary>The decision was in an imported file: recorded outside the app.</summary>
    Import,

    /// <summary>The app turned an approval back to PENDING because the approved content changed.</summary>
    Stale,
}

/// <summary>One decision in a milestone's review history. The milestone's Review section
/// shows the latest of each kind; the history keeps them all.</summary>
public sealed class ReviewDecision
{
    public int Id { get; set; }
    public string MilestoneId { get; set; } = "";
    public ReviewKind Kind { get; set; }
    public ReviewStatus Status { get; set; }
    public string Reviewer { get; set; } = "";
    public DateOnly? Date { get; set; }
    public string Comments { get; set; } = "";
    public ReviewSource Source { get; set; }
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The content the decision was about (<see cref="ReviewedContent"/>), to show
    /// a reviewer what changed since they approved.</summary>
    public string ReviewedMarkdown { get; set; } = "";
    public string ReviewedHash { get; set; } = "";
}

/// <summary>Settings an administrator may change for the whole team (one row).</summary>
public sealed class TeamSettings
{
    public int Id { get; set; } = 1;

    /// <summary>Small teams may let people review milestones they created or last edited.</summary>
    public bool AllowSelfReview { get; set; }
}
