namespace ChainForge.Milestones.Milestones;

/// <summary>
/// One milestone, with every field and list of template 1.0 in the template's order.
/// Empty strings, nulls and empty lists mean "not filled in": the markdown form writes the
/// template's placeholder for them.
/// </summary>
public sealed class Milestone
{
    // Milestone Information
    /// <summary>The template's ID, such as <c>M-007</c>; unique, case-insensitively.</summary>
    public string Id { get; set; } = "";
    public string Title { get; set; } = "";
    public int? Phase { get; set; }
    public Priority? Priority { get; set; }
    public int? StoryPoints { get; set; }
    public decimal? Weeks { get; set; }
    /// <summary>The Dependencies line: milestone IDs or short free text.</summary>
    public List<string> Dependencies { get; set; } = [];
    public string AssignedTo { get; set; } = "";

    public string ProblemStatement { get; set; } = "";
    public string SolutionOverview { get; set; } = "";
    public DetailedRequirements Requirements { get; set; } = new();
    public TechnicalDesign Design { get; set; } = new();
    public ImplementationPlan ImplementationPlan { get; set; } = new();
    public AcceptanceCriteria AcceptanceCriteria { get; set; } = new();
    public TestingStrategy Testing { get; set; } = new();
    public RiskAssessment Risks { get; set; } = new();
    public SuccessMetrics Metrics { get; set; } = new();
    public DependencyTracking DependencyTracking { get; set; } = new();
    public DocumentationRequirements Documentation { get; set; } = new();
    public ReviewAndApproval Review { get; set; } = new();

    // Progress Tracking
    public MilestoneStatus? Status { get; set; }
    public int? Progress { get; set; }
    /// <summary>The author set Progress by hand: saves keep it instead of the plan's figure. Not part of the markdown.</summary>
    public bool ProgressPinned { get; set; }
    public DateOnly? LastUpdated { get; set; }
    public Checkpoints Checkpoints { get; set; } = new();

    public string Notes { get; set; } = "";

    /// <summary><c>##</c> sections the template does not have, kept verbatim and in order.</summary>
    public List<ExtraSection> ExtraSections { get; set; } = [];

    // Kept by the app, not part of the markdown form.
    /// <summary>The user name of who created the milestone in the app or imported it first.</summary>
    public string CreatedBy { get; set; } = "";

    /// <summary>The user name of who saved it last; reviewers may not review their own work.</summary>
    public string LastEditedBy { get; set; } = "";

    /// <summary>When it was archived: out of every list, its history kept and its ID taken. Null while in use.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }
    public string ArchivedBy { get; set; } = "";

    /// <summary>Changed on every save; a save that carries an older one is refused.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>A deep copy, to change without touching what it was copied from.</summary>
    public Milestone Copy() => DeepCopy.Of(this);
}

/// <summary>Deep copies of the model's objects, through their JSON form (every property is public).</summary>
internal static class DeepCopy
{
    public static T Of<T>(T value) => System.Text.Json.JsonSerializer.Deserialize<T>(System.Text.Json.JsonSerializer.Serialize(value))!;
}

public enum Priority { High, Medium, Low }

public enum RiskLevel { High, Medium, Low }

public enum ReviewStatus { Approved, Pending, Rejected }

public enum MilestoneStatus { NotStarted, InProgress, Review, Completed }

/// <summary>A line with a box: a requirement, task, criterion, test or documentation item.</summary>
public sealed class ChecklistItem
{
    public string Text { get; set; } = "";
    public bool Done { get; set; }

    public static ChecklistItem Of(string text, bool done = false) => new() { Text = text, Done = done };
}

public sealed class DetailedRequirements
{
    public List<ChecklistItem> Functional { get; set; } = [];
    public NonFunctionalRequirements NonFunctional { get; set; } = new();
}

public sealed class NonFunctionalRequirements
{
    public string Performance { get; set; } = "";
    public string Security { get; set; } = "";
    public string Scalability { get; set; } = "";
    public string Reliability { get; set; } = "";
}

public sealed class TechnicalDesign
{
    public string Architecture { get; set; } = "";
    public List<Component> Components { get; set; } = [];
    public CodeSample DataModels { get; set; } = new();
    public CodeSample Interfaces { get; set; } = new();
}

public sealed class Component
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
}

/// <summary>A fenced code block. Empty code stands for the template's example block.</summary>
public sealed class CodeSample
{
    public const string DefaultLanguage = "cpp";

    public string Language { get; set; } = DefaultLanguage;
    public string Code { get; set; } = "";
}

/// <summary>The phases in order; a milestone has at least one. A new one has the template's three.</summary>
public sealed class ImplementationPlan
{
    public static readonly IReadOnlyList<string> TemplatePhaseNames = ["Foundation", "Core Implementation", "Integration & Testing"];

    public List<ImplementationPhase> Phases { get; set; } = [.. TemplatePhaseNames.Select(n => new ImplementationPhase { Name = n })];
}

public sealed class ImplementationPhase
{
    public string Name { get; set; } = "";
    public List<ChecklistItem> Tasks { get; set; } = [];
}

public sealed class AcceptanceCriteria
{
    public List<ChecklistItem> MustHave { get; set; } = [];
    public List<ChecklistItem> ShouldHave { get; set; } = [];
    public List<ChecklistItem> CouldHave { get; set; } = [];
}

public sealed class TestingStrategy
{
    public List<ChecklistItem> UnitTests { get; set; } = [];
    public List<ChecklistItem> IntegrationTests { get; set; } = [];
    public List<ChecklistItem> PerformanceTests { get; set; } = [];
    public List<ChecklistItem> SecurityTests { get; set; } = [];
}

public sealed class RiskAssessment
{
    public List<Risk> TechnicalRisks { get; set; } = [];
    public List<Risk> BusinessRisks { get; set; } = [];
}

public sealed class Risk
{
    public string Description { get; set; } = "";
    public RiskLevel Probability { get; set; }
    public RiskLevel Impact { get; set; }
    public string Mitigation { get; set; } = "";
}

/// <summary>
/// Each list starts with the template's fixed keys, always present and in the template's
/// order; keys a user added follow in their own order.
/// </summary>
public sealed class SuccessMetrics
{
    public static readonly IReadOnlyList<string> TechnicalKeys = ["Performance", "Reliability", "Code Quality"];
    public static readonly IReadOnlyList<string> BusinessKeys = ["User Adoption", "Feature Usage"];

    public List<SuccessMetric> TechnicalMetrics { get; set; } = SuccessMetric.ForKeys(TechnicalKeys);
    public List<SuccessMetric> BusinessMetrics { get; set; } = SuccessMetric.ForKeys(BusinessKeys);
}

public sealed class SuccessMetric
{
    public string Key { get; set; } = "";
    public string Metric { get; set; } = "";
    public string Target { get; set; } = "";

    public static List<SuccessMetric> ForKeys(IEnumerable<string> keys) => [.. keys.Select(k => new SuccessMetric { Key = k })];
}

public sealed class DependencyTracking
{
    public List<DependencyItem> Internal { get; set; } = [];
    public List<DependencyItem> External { get; set; } = [];
}

public sealed class DependencyItem
{
    public string Name { get; set; } = "";
    public string Status { get; set; } = "";
    /// <summary>Ticked in the file: the dependency is satisfied.</summary>
    public bool Satisfied { get; set; }
}

public sealed class DocumentationRequirements
{
    public List<ChecklistItem> Technical { get; set; } = [];
    public List<ChecklistItem> User { get; set; } = [];
}

public sealed class ReviewAndApproval
{
    public Review TechnicalReview { get; set; } = new();
    public Review BusinessReview { get; set; } = new();
}

public sealed class Review
{
    public string Reviewer { get; set; } = "";
    public DateOnly? Date { get; set; }
    public ReviewStatus? Status { get; set; }
    public string Comments { get; set; } = "";
}

/// <summary>The five checkpoints of Progress Tracking, which the template calls Milestones.</summary>
public sealed class Checkpoints
{
    public Checkpoint StartDate { get; set; } = new();
    public Checkpoint DevelopmentComplete { get; set; } = new();
    public Checkpoint TestingComplete { get; set; } = new();
    public Checkpoint ReviewComplete { get; set; } = new();
    public Checkpoint Deployment { get; set; } = new();

    /// <summary>Each checkpoint with its name in the template, in the template's order.</summary>
    public IEnumerable<(string Name, Checkpoint Checkpoint)> All()
    {
        yield return ("Start Date", StartDate);
        yield return ("Development Complete", DevelopmentComplete);
        yield return ("Testing Complete", TestingComplete);
        yield return ("Review Complete", ReviewComplete);
        yield return ("Deployment", Deployment);
    }
}

public sealed class Checkpoint
{
    public DateOnly? Date { get; set; }
    /// <summary>Ticked in the file: the checkpoint has been reached.</summary>
    public bool Reached { get; set; }
}

public sealed class ExtraSection
{
    public string Heading { get; set; } = "";
    public string Body { get; set; } = "";
}
