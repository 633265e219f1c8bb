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
    public int ReviewOf(Reviews.ReviewKind kind) => kind == Reviews.ReviewKind.Technical ? TechnicalReview : BusinessReview;
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
