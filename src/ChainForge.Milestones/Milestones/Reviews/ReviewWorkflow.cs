using System.Globalization;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// The rules of the review section: who may decide what, what a decision writes into the
/// milestone, and when an approval stops counting because what it covers has changed.
/// </summary>
public static class ReviewWorkflow
{
    /// <summary>How the review section's comments start when an approval has gone stale.</summary>
    public const string StaleNotice = "Became PENDING because";

    public static Review ReviewOf(Milestone milestone, ReviewKind kind)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return kind == ReviewKind.Technical ? milestone.Review.TechnicalReview : milestone.Review.BusinessReview;
    }

    /// <summary>
    /// Why the reviewer may not record this decision; empty when they may.
    /// <paramref name="ownWork"/>: they wrote a change to the parts this review covers since its
    /// last approval (or since the milestone was created), and the team does not allow self-review.
    /// </summary>
    public static IReadOnlyList<string> Refusals(ReviewKind kind, ReviewStatus status, string comments, bool ownWork)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var refusals = new List<string>();
        if (ownWork && status == ReviewStatus.Approved)
            refusals.Add($"You changed what the {kind.ToString().ToLowerInvariant()} review covers since its last approval: another reviewer must approve it.");
        if (status == ReviewStatus.Rejected && string.IsNullOrWhiteSpace(comments))
            refusals.Add("A rejection needs comments: say what has to change.");
        if (comments.Contains('\n', StringComparison.Ordinal) || comments.Contains('\r', StringComparison.Ordinal))
            refusals.Add("Comments are one line in the template: leave out line breaks.");
        if (comments.Length > MilestoneLimits.Line)
            refusals.Add($"Comments may be at most {MilestoneLimits.Line} characters.");
        return refusals;
    }

    /// <summary>
    /// Writes the decision into the milestone's review section, with the reviewer's name and
    /// today's date, and returns it for the history. Call <see cref="Refusals"/> first.
    /// </summary>
    public static ReviewDecision Decide(Milestone milestone, ReviewKind kind, ReviewStatus status, string comments, string reviewer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(comments);
        var review = ReviewOf(milestone, kind);
        review.Reviewer = reviewer;
        review.Date = DateOnly.FromDateTime(now.Date);
        review.Status = status;
        review.Comments = comments.Trim();
        return Record(milestone, kind, ReviewSource.App, reviewer, now);
    }

    /// <summary>
    /// The decision a milestone's review section states, stored as an administrator's knowing
    /// acceptance of a decision made outside the app (an import of a team's existing files).
    /// </summary>
    public static ReviewDecision Accept(Milestone milestone, ReviewKind kind, string administrator, DateTimeOffset now) =>
        Record(milestone, kind, ReviewSource.AcceptedFromFile, administrator, now);

    /// <summary>An approval a file brings back with this server's signature of it (<see cref="ApprovalLedger"/>), recorded as the reviewer's.</summary>
    public static ReviewDecision Restore(Milestone milestone, ReviewKind kind, string importedBy, DateTimeOffset now) =>
        Record(milestone, kind, ReviewSource.FromLedger, importedBy, now);

    /// <summary>A review that claims nothing: no decision but PENDING, nobody named, no date, no comments.</summary>
    public static bool SaysNothing(Review review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return review.Status is null or ReviewStatus.Pending && review.Reviewer.Length == 0 && review.Date is null && review.Comments.Length == 0;
    }

    public static bool SameDecision(Review a, Review b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Status == b.Status && a.Reviewer == b.Reviewer && a.Date == b.Date && a.Comments == b.Comments;
    }

    /// <summary>
    /// Turns back to PENDING every approval whose covered parts are no longer what it approved,
    /// crediting <paramref name="changedBy"/> and the parts their change touched; returns those
    /// events for the history. <paramref name="before"/> is the milestone as stored before the change.
    /// </summary>
    public static List<ReviewDecision> InvalidateStaleApprovals(Milestone before, Milestone milestone, IReadOnlyDictionary<ReviewKind, ReviewDecision> latest, string changedBy, int revisionNumber, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(latest);
        var stale = new List<ReviewDecision>();
        foreach (var (kind, approval) in latest)
        {
            var review = ReviewOf(milestone, kind);
            if (review.Status != ReviewStatus.Approved || approval.Status != ReviewStatus.Approved || approval.ReviewedHash == ReviewedContent.Hash(milestone, kind))
                continue;
            var parts = ReviewedContent.ChangedParts(before, milestone, kind);
            var changed = parts.Count == 0 ? "what it covers" : Join(parts);
            var notice = $"{StaleNotice} {changedBy} changed {changed} on {now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
            review.Status = ReviewStatus.Pending;
            review.Comments = notice.Length <= MilestoneLimits.Line ? notice : $"{StaleNotice} {changedBy} changed {parts.Count} parts it covers on {now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.";
            stale.Add(new ReviewDecision
            {
                MilestoneId = milestone.Id,
                Kind = kind,
                Status = ReviewStatus.Pending,
                Reviewer = approval.Reviewer,
                Date = approval.Date,
                Comments = review.Comments,
                Source = ReviewSource.Stale,
                RecordedAt = now,
                RecordedBy = changedBy,
                RevisionNumber = revisionNumber,
                ChangedParts = string.Join(", ", parts),
                // What was approved, so that the reviewer can be shown what changed since.
                ReviewedMarkdown = approval.ReviewedMarkdown,
                ReviewedHash = approval.ReviewedHash,
            });
        }
        return stale;
    }

    private static ReviewDecision Record(Milestone milestone, ReviewKind kind, ReviewSource source, string recordedBy, DateTimeOffset now)
    {
        var review = ReviewOf(milestone, kind);
        return new ReviewDecision
        {
            MilestoneId = milestone.Id,
            Kind = kind,
            Status = review.Status ?? ReviewStatus.Pending,
            Reviewer = review.Reviewer,
            Date = review.Date,
            Comments = review.Comments,
            Source = source,
            RecordedAt = now,
            RecordedBy = recordedBy,
            ReviewedMarkdown = ReviewedContent.Markdown(milestone, kind),
            ReviewedHash = ReviewedContent.Hash(milestone, kind),
        };
    }

    private static string Join(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1];
}
