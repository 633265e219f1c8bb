namespace ChainForge.Milestones.Milestones.Markdown;

/// <summary>A problem in a milestone file: the line (from 1) and what was expected there.</summary>
public sealed record ImportError(int Line, string Message)
{
    public string Format(string path) => $"{path}:{Line}: {Message}";
}

/// <summary>
/// Where a file holds what an import checks against the store (lines from 1; a field the file
/// leaves out is placed at its section's heading): the ID, for errors about the milestone as a
/// whole; the status, for the gates; each review's status, for claims of decisions.
/// </summary>
public sealed record SourceLines(int Id, int Status, int TechnicalReview, int BusinessReview)
{
    /// <summary>The heading line of each <c>##</c> section the file has, by its name.</summary>
    public IReadOnlyDictionary<string, int> Sections { get; init; } = new Dictionary<string, int>();

    public int ReviewOf(Reviews.ReviewKind kind) => kind == Reviews.ReviewKind.Technical ? TechnicalReview : BusinessReview;

    /// <summary>
    /// Where a rule about <paramref name="propertyPath"/> (a path in <see cref="Milestone"/>, as
    /// FluentValidation names it) points in the file: the heading of the section that holds it.
    /// </summary>
    public int Of(string propertyPath)
    {
        ArgumentNullException.ThrowIfNull(propertyPath);
        var first = propertyPath.Split('.', '[')[0];
        var section = first switch
        {
            nameof(Milestone.ProblemStatement) => Template.ProblemStatement,
            nameof(Milestone.SolutionOverview) => Template.SolutionOverview,
            nameof(Milestone.Requirements) => Template.DetailedRequirements,
            nameof(Milestone.Design) => Template.TechnicalDesign,
            nameof(Milestone.ImplementationPlan) => Template.ImplementationPlan,
            nameof(Milestone.AcceptanceCriteria) => Template.AcceptanceCriteria,
            nameof(Milestone.Testing) => Template.TestingStrategy,
            nameof(Milestone.Risks) => Template.RiskAssessment,
            nameof(Milestone.Metrics) => Template.SuccessMetrics,
            nameof(Milestone.DependencyTracking) => Template.Dependencies,
            nameof(Milestone.Documentation) => Template.DocumentationRequirements,
            nameof(Milestone.Review) => Template.ReviewAndApproval,
            nameof(Milestone.Status) or nameof(Milestone.Progress) or nameof(Milestone.LastUpdated) or nameof(Milestone.Checkpoints) => Template.ProgressTracking,
            nameof(Milestone.Notes) => Template.NotesAndComments,
            _ => Template.Information,
        };
        return Sections.TryGetValue(section, out var line) ? line : Id;
    }
}

/// <summary>The milestone read from a file, or every error found in it.</summary>
public sealed class ImportResult
{
    private ImportResult(Milestone? milestone, SourceLines lines, IReadOnlyList<ImportError> errors)
    {
        Milestone = milestone;
        Lines = lines;
        Errors = errors;
    }

    public Milestone? Milestone { get; }
    public IReadOnlyList<ImportError> Errors { get; }
    public SourceLines Lines { get; }
    public bool Succeeded => Milestone is not null;

    public static ImportResult Success(Milestone milestone, SourceLines lines) => new(milestone, lines, []);

    public static ImportResult Failure(IReadOnlyList<ImportError> errors) => new(null, new SourceLines(0, 0, 0, 0), errors);
}
