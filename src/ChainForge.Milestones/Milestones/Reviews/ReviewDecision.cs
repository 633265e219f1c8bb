namespace ChainForge.Milestones.Milestones.Reviews;

public enum ReviewKind { Technical, Business }

/// <summary>Where a decision came from.</summary>
public enum ReviewSource
{
    /// <summary>A reviewer signed in to the app decided.</summary>
    App,

    /// <summary>Stored by imports before reviews were only recorded in the app: a claim nobody checked.</summary>
    Import,

    /// <summary>The app turned an approval back to PENDING because the approved content changed.</summary>
    Stale,

    /// <summary>An administrator's import took the decision from a file as it was, knowingly.</summary>
    AcceptedFromFile,

    /// <summary>An import took an approval from a file whose approvals ledger holds this server's signature of it.</summary>
    FromLedger,
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

    /// <summary>Whose act this record is: the reviewer's decision, the administrator who accepted
    /// it from a file, or the person whose change turned an approval stale.</summary>
    public string RecordedBy { get; set; } = "";

    /// <summary>The revision the decision is about: the one approved, or the one whose change made it stale.</summary>
    public int? RevisionNumber { get; set; }

    /// <summary>For a stale approval: the parts the change touched that this review covers.</summary>
    public string ChangedParts { get; set; } = "";

    /// <summary>The content the decision was about, only the parts its review covers
    /// (<see cref="ReviewedContent"/>), to show a reviewer what changed since they approved.</summary>
    public string ReviewedMarkdown { get; set; } = "";
    public string ReviewedHash { get; set; } = "";

    /// <summary>For an approval: the server's signature of it (<see cref="SignedApproval"/>), base64.</summary>
    public string? Signature { get; set; }
}

/// <summary>Settings an administrator may change for the whole team (one row).</summary>
public sealed class TeamSettings
{
    public int Id { get; set; } = 1;

    /// <summary>Small teams may let people approve reviews of content they wrote.</summary>
    public bool AllowSelfReview { get; set; }

    /// <summary>
    /// While no account exists: the code the first administrator must give, printed in the
    /// server's log at start and by the <c>setup-code</c> verb, so that only the operator can
    /// claim a fresh instance. Gone once the first account exists.
    /// </summary>
    public string? SetupCode { get; set; }
}
