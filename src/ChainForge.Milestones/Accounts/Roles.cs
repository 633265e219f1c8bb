namespace ChainForge.Milestones.Accounts;

/// <summary>The roles a person may hold; one person may hold several.</summary>
public static class Roles
{
    /// <summary>Creates, edits, imports and exports milestones.</summary>
    public const string Author = "Author";

    /// <summary>Approves or rejects milestones in the review section.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>Manages accounts and team settings.</summary>
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Author, Reviewer, Admin];
}
