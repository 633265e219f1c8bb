using System.Globalization;
using System.Text.RegularExpressions;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>A new milestone: the template's blank milestone with the next free ID suggested.</summary>
[Authorize(Policy = Roles.Author)]
public sealed partial class NewModel(MilestonesDbContext db, MilestoneChanges changes, IValidator<Milestone> validator) : MilestoneFormModel(db, validator)
{
    public override bool IsNew => true;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Archived milestones keep their IDs.
        var ids = await Db.Milestones.IgnoreQueryFilters().Select(m => m.Id).Where(id => EF.Functions.Like(id, "M-%")).ToListAsync(cancellationToken);
        Milestone = new Milestone { Id = NextId(ids) };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ValidateAsync(cancellationToken))
            return Page();
        var result = await changes.CreateAsync(Actor.Of(User), Milestone, cancellationToken);
        return result.Outcome switch
        {
            ChangeOutcome.Done => RedirectToMilestone($"Created {Milestone.Id}."),
            ChangeOutcome.IdTaken => IdTaken(),
            ChangeOutcome.Forbidden => Forbid(),
            _ => Refuse(result.Refusals),
        };
    }

    private PageResult IdTaken()
    {
        ModelState.AddModelError($"{nameof(Milestone)}.{nameof(Milestone.Id)}", $"The ID {Milestone.Id} is taken by another milestone: choose another.");
        return Page();
    }

    /// <summary>The number after the highest <c>M-nnn</c>, written with at least three digits: M-001, M-002 ...</summary>
    public static string NextId(IEnumerable<string> ids)
    {
        var highest = ids.Select(id => Numbered().Match(id))
            .Where(m => m.Success && m.Groups[1].Value.Length <= 9)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();
        return $"M-{(highest + 1).ToString("000", CultureInfo.InvariantCulture)}";
    }

    [GeneratedRegex(@"^M-(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Numbered();
}
