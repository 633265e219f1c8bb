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
/// <remarks>Settable properties rather than a positional record or <c>init</c>: System.Text.Json's
/// source generator sets <c>init</c> properties through its constructor path, which buffers every
/// value first and cost a first view about 5% of its CPU; the page reads these on every first view.</remarks>
public sealed record MilestonePageFacts
{
    public int Format { get; set; }
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public MilestoneStatus? Status { get; set; }
    public Priority? Priority { get; set; }
    public int? Phase { get; set; }
    public string AssignedTo { get; set; } = "";
    public DateOnly? LastUpdated { get; set; }
    public int? Progress { get; set; }
    public bool ProgressPinned { get; set; }
    public ReviewAndApproval Review { get; set; } = new();
    public Checkpoints Checkpoints { get; set; } = new();
    public PlanProgress Plan { get; set; } = new(default, default, default, default);
    public IReadOnlyList<SectionTally> Sections { get; set; } = [];
    public IReadOnlyList<string> BrokenGates { get; set; } = [];
    public IReadOnlyList<string> DependencyEntries { get; set; } = [];
    public IReadOnlyList<string> DeclaredDependencies { get; set; } = [];

    /// <summary>The milestone IDs its dependency entries may name: the page reads those milestones with its row (MilestonePageReader).</summary>
    public IReadOnlyList<string> NamedIds { get; set; } = [];

    /// <summary>
    /// Moves on with any change to what <see cref="Of"/> makes: stored facts of another format are
    /// made again from the milestone when its page is asked for, until its next save stores new ones.
    /// </summary>
    public const int CurrentFormat = 2;

    /// <summary>How stored facts of the current format begin, for SQL to tell them (<see cref="ToJson"/> writes the format first).</summary>
    public static string CurrentPrefix => $"{{\"Format\":{CurrentFormat},";

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
            NamedIds = node.NamedIds,
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
