using System.Text.Json;
using System.Text.Json.Serialization;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;

namespace ChainForge.Milestones.Milestones;

/// <summary>
/// What a milestone's page shows of the milestone itself, beside its HTML: made from the whole
/// milestone by every save (<see cref="Data.MilestonesDbContext.StoredPageFacts"/>), so that a
/// page reads one small JSON column instead of materializing every section's list (benchmarks/LOAD.md).
/// Whatever depends on other rows or on today (review history, comments, what blocks it,
/// overdue checkpoints) is read or judged when the page is asked for.
/// </summary>
/// <remarks>Properties rather than a positional record: System.Text.Json reads a type with a
/// parameterless constructor on its fast path, and the page reads these on every first view.</remarks>
public sealed record MilestonePageFacts
{
    public int Format { get; init; }
    public string Id { get; init; } = "";
    public string Title { get; init; } = "";
    public MilestoneStatus? Status { get; init; }
    public Priority? Priority { get; init; }
    public int? Phase { get; init; }
    public string AssignedTo { get; init; } = "";
    public DateOnly? LastUpdated { get; init; }
    public int? Progress { get; init; }
    public bool ProgressPinned { get; init; }
    public ReviewAndApproval Review { get; init; } = new();
    public Checkpoints Checkpoints { get; init; } = new();
    public PlanProgress Plan { get; init; } = new(default, default, default, default);
    public IReadOnlyList<SectionTally> Sections { get; init; } = [];
    public IReadOnlyList<string> BrokenGates { get; init; } = [];
    public IReadOnlyList<string> DependencyEntries { get; init; } = [];
    public IReadOnlyList<string> DeclaredDependencies { get; init; } = [];

    /// <summary>
    /// Moves on with any change to what <see cref="Of"/> makes: stored facts of another format are
    /// made again from the milestone when its page is asked for, until its next save stores new ones.
    /// </summary>
    public const int CurrentFormat = 1;

    public static MilestonePageFacts Of(Milestone milestone)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var node = DependencyNode.Of(milestone);
        return new()
        {
            Format = CurrentFormat,
            Id = milestone.Id,
            Title = milestone.Title,
            Status = milestone.Status,
            Priority = milestone.Priority,
            Phase = milestone.Phase,
            AssignedTo = milestone.AssignedTo,
            LastUpdated = milestone.LastUpdated,
            Progress = milestone.Progress,
            ProgressPinned = milestone.ProgressPinned,
            Review = milestone.Review,
            Checkpoints = milestone.Checkpoints,
            Plan = PlanProgress.Of(milestone),
            Sections = SectionProgress.Of(milestone),
            BrokenGates = Gates.Broken(milestone),
            DependencyEntries = node.Entries,
            DeclaredDependencies = node.Declared,
        };
    }

    /// <summary>The milestone as the dependency rules see it.</summary>
    [JsonIgnore]
    public DependencyNode Node => new(Id, Title, Status, DependencyEntries) { Declared = DeclaredDependencies };

    /// <summary>The tracking card, given today and the prerequisites' IDs, titles and statuses.</summary>
    public TrackingSummary Tracking(DateOnly today, IEnumerable<DependencyNode> prerequisites) =>
        TrackingSummary.Of(Id, Progress, ProgressPinned, Plan, Checkpoints, today, new DependencyGraph([Node, .. prerequisites]));

    public string ToJson() => JsonSerializer.Serialize(this, MilestonePageFactsJson.Default.MilestonePageFacts);

    /// <summary>Null for no facts, facts of another format, or a column that is not facts at all.</summary>
    public static MilestonePageFacts? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
            return null;
        try
        {
            var facts = JsonSerializer.Deserialize(json, MilestonePageFactsJson.Default.MilestonePageFacts);
            return facts?.Format == CurrentFormat ? facts : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(MilestonePageFacts))]
internal sealed partial class MilestonePageFactsJson : JsonSerializerContext;
