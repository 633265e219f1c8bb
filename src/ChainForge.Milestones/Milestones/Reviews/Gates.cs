namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// The template's gates: what a milestone must hold before it may be put in REVIEW or
/// COMPLETED. Each rule answers with the reasons it refuses, empty when it allows.
/// </summary>
public static class Gates
{
    /// <summary>Why the milestone may not move to <paramref name="status"/>; empty when it may.</summary>
    public static IReadOnlyList<string> Refusals(Milestone milestone, MilestoneStatus? status)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return status switch
        {
            MilestoneStatus.Review => ForReview(milestone),
            MilestoneStatus.Completed => [.. ForReview(milestone), .. ForCompletion(milestone)],
            _ => [],
        };
    }

    /// <summary>The gates the milestone's own status breaks, e.g. after an import.</summary>
    public static IReadOnlyList<string> Broken(Milestone milestone) => Refusals(milestone, milestone.Status);

    private static List<string> ForReview(Milestone milestone)
    {
        var missing = new List<string>();
        if (milestone.ProblemStatement.Length == 0)
            missing.Add("Problem Statement");
        if (milestone.SolutionOverview.Length == 0)
            missing.Add("Solution Overview");
        if (milestone.Requirements.Functional.Count == 0)
            missing.Add("Functional Requirements");
        if (milestone.AcceptanceCriteria.MustHave.Count == 0)
            missing.Add("Must Have criteria");
        return missing.Count == 0 ? [] : [$"Review needs {Join(missing)} filled in: {(missing.Count == 1 ? "it still holds" : "they still hold")} the template's placeholders."];
    }

    private static List<string> ForCompletion(Milestone milestone)
    {
        var reasons = new List<string>();
        var review = milestone.Review;
        var notApproved = new List<string>();
        if (review.TechnicalReview.Status != ReviewStatus.Approved)
            notApproved.Add("the technical review");
        if (review.BusinessReview.Status != ReviewStatus.Approved)
            notApproved.Add("the business review");
        if (notApproved.Count > 0)
            reasons.Add($"Completion needs {Join(notApproved)} APPROVED.");
        var open = milestone.AcceptanceCriteria.MustHave.Count(c => !c.Done);
        if (open > 0)
            reasons.Add($"Completion needs every Must Have criterion ticked: {open} of {milestone.AcceptanceCriteria.MustHave.Count} {(open == 1 ? "is" : "are")} not.");
        return reasons;
    }

    private static string Join(List<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items[..^1]) + " and " + items[^1];
}
