using ChainForge.Milestones.Data;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>The rules of reviewers' comments on sections, and reading them.</summary>
public static class SectionComments
{
    public const int MaxLength = 2000;

    /// <summary>Why the comment cannot be stored; empty when it can.</summary>
    public static IReadOnlyList<string> Refusals(string section, string text)
    {
        var refusals = new List<string>();
        if (!ReviewedContent.Parts.Any(p => p.Name == section))
            refusals.Add("Choose the section the comment is about.");
        if (string.IsNullOrWhiteSpace(text))
            refusals.Add("Write the comment.");
        else if (text.Trim().Length > MaxLength)
            refusals.Add($"A comment may be at most {MaxLength} characters.");
        return refusals;
    }

    /// <summary>The milestone's comments, open ones first, each group oldest first.</summary>
    public static async Task<List<SectionComment>> OfAsync(MilestonesDbContext db, string milestoneId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var comments = await db.SectionComments.AsNoTracking().Where(c => c.MilestoneId == milestoneId).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. comments.OrderBy(c => c.ResolvedAt is not null)];
    }
}
