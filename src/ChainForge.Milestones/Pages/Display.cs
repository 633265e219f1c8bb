using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;

namespace ChainForge.Milestones.Pages;

/// <summary>How the enumerations read on a page, and their Bootstrap colours.</summary>
public static class Display
{
    public static string Label(MilestoneStatus? status) => status switch
    {
        MilestoneStatus.NotStarted => "Not started",
        MilestoneStatus.InProgress => "In progress",
        MilestoneStatus.Review => "Review",
        MilestoneStatus.Completed => "Completed",
        _ => "—",
    };

    public static string Colour(MilestoneStatus? status) => status switch
    {
        MilestoneStatus.InProgress => "primary",
        MilestoneStatus.Review => "info",
        MilestoneStatus.Completed => "success",
        _ => "secondary",
    };

    public static string Label(Priority? priority) => priority?.ToString() ?? "—";

    public static string Label(RiskLevel? level) => level?.ToString() ?? "—";

    public static string Colour(Priority? priority) => priority switch
    {
        Priority.High => "danger",
        Priority.Medium => "warning",
        Priority.Low => "secondary",
        _ => "light",
    };

    /// <summary>Where a review decision came from, as every page that shows one says it.</summary>
    public static string Source(ReviewSource source, string recordedBy) => source switch
    {
        ReviewSource.App => "recorded in the app",
        ReviewSource.AcceptedFromFile => $"accepted from a file by {recordedBy}",
        ReviewSource.FromLedger => $"brought back from a file by {recordedBy}, with this server's signature of it",
        ReviewSource.Stale => $"pending again after {(recordedBy.Length > 0 ? recordedBy : "someone")} changed what it covers",
        _ => "stated in an imported file before approvals were recorded only in the app",
    };

    /// <summary>A kind of audited change in words: "Milestone archived".</summary>
    public static string Label(Audit.AuditAction action)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(action.ToString(), "(?<=[a-z])(?=[A-Z])", " ");
        return words[0] + words[1..].ToLowerInvariant();
    }
}
