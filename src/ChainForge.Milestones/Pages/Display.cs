using ChainForge.Milestones.Milestones;

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
}
