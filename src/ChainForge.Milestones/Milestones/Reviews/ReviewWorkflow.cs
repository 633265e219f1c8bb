using System.Globalization;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// The rules of the review section: who may decide what, what a decision writes into the
/// milestone, and when an approval stops counting because what it approved has changed.
/// </summary>
public static class ReviewWorkflow
{
    public const string StaleNotice = "Approved content changed after approval";

    public static Review ReviewOf(Milestone milestone, ReviewKind kind)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return kind == ReviewKind.Technical ? milestone.Review.TechnicalReview : milestone.Review.BusinessReview;
    }

    /// <summary>Why <paramref name="reviewer"/> may not decide; empty when they may.</summary>
    public static IReadOnlyList<string> Refusals(Milestone milestone, ReviewStatus status, string comments, string reviewer, bool allowSelfReview)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var refusals = new List<string>();
        if (!allowSelfReview && (Same(milestone.CreatedBy, reviewer) || Same(milestone.LastEditedBy, reviewer)))
            refusals.Add("You created or last edited this milestone: another reviewer must review it.");
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
        var review = ReviewOf(milestone, kind);
        review.Reviewer = reviewer;
        review.Date = DateOnly.FromDateTime(now.Date);
        review.Status = status;
        review.Comments = comments.Trim();
        return Record(milestone, kind, review, ReviewSource.App, now);
    }

    /// <summary>
    /// Reviews an imported file carries that differ from the latest recorded ones: decisions
    /// made outside the app, recorded as such, about the content of that file.
    /// </summary>
    public static List<ReviewDecision> RecordImported(Milestone imported, IReadOnlyDictionary<ReviewKind, ReviewDecision> latest, DateTimeOffset now)
    {
        var decisions = new List<ReviewDecision>();
        foreach (var kind in Enum.GetValues<ReviewKind>())
        {
            var review = ReviewOf(imported, kind);
            if (review.Status is null)
                continue;
            if (latest.TryGetValue(kind, out var last) && last.Status == review.Status && last.Reviewer == review.Reviewer
                && last.Date == review.Date && (last.Comments == review.Comments || last.Source == ReviewSource.Stale))
                continue;
            decisions.Add(Record(imported, kind, review, ReviewSource.Import, now));
        }
        return decisions;
    }

    /// <summary>
    /// Turns back to PENDING every approval whose approved content is no longer the milestone's,
    /// with a notice in its comments; returns those events for the history.
    /// </summary>
    public static List<ReviewDecision> InvalidateStaleApprovals(Milestone milestone, IReadOnlyDictionary<ReviewKind, ReviewDecision> latest, DateTimeOffset now)
    {
        var stale = new List<ReviewDecision>();
        var hash = ReviewedContent.Hash(milestone);
        foreach (var (kind, approval) in latest)
        {
            var review = ReviewOf(milestone, kind);
            if (review.Status != ReviewStatus.Approved || approval.Status != ReviewStatus.Approved || approval.ReviewedHash == hash)
                continue;
            review.Status = ReviewStatus.Pending;
            var date = approval.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            review.Comments = $"{StaleNotice} by {approval.Reviewer}{(date is null ? "" : $" on {date}")}.";
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
                // What was approved, so that the reviewer can be shown what changed since.
                ReviewedMarkdown = approval.ReviewedMarkdown,
                ReviewedHash = approval.ReviewedHash,
            });
        }
        return stale;
    }

    private static ReviewDecision Record(Milestone milestone, ReviewKind kind, Review review, ReviewSource source, DateTimeOffset now)
    {
        var markdown = ReviewedContent.Markdown(milestone);
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
            ReviewedMarkdown = markdown,
            ReviewedHash = ReviewedContent.Hash(milestone),
        };
    }

    private static bool Same(string a, string b) => a.Length > 0 && string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
