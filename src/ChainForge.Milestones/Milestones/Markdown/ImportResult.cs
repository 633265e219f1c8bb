namespace ChainForge.Milestones.Milestones.Markdown;

/// <summary>A problem in a milestone file: the line (from 1) and what was expected there.</summary>
public sealed record ImportError(int Line, string Message)
{
    public string Format(string path) => $"{path}:{Line}: {Message}";
}

/// <summary>The milestone read from a file, or every error found in it.</summary>
public sealed class ImportResult
{
    private ImportResult(Milestone? milestone, int idLine, IReadOnlyList<ImportError> errors)
    {
        Milestone = milestone;
        IdLine = idLine;
        Errors = errors;
    }

    public Milestone? Milestone { get; }
    public IReadOnlyList<ImportError> Errors { get; }
    /// <summary>The line (from 1) that holds the ID, for errors about the milestone as a whole.</summary>
    public int IdLine { get; }
    public bool Succeeded => Milestone is not null;

    public static ImportResult Success(Milestone milestone, int idLine) => new(milestone, idLine, []);

    public static ImportResult Failure(IReadOnlyList<ImportError> errors) => new(null, 0, errors);
}
