using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Admin;

/// <summary>One webhook: its settings, its delivery log (newest first) with a replay for each, and removing it.</summary>
[Authorize(Policy = Roles.Admin)]
public sealed class WebhookModel(MilestonesDbContext db, WebhookChanges webhooks) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = false)]
    public WebhookForm Input { get; set; } = new();

    [FromRoute]
    public long Id { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Webhook? Webhook { get; private set; }
    public List<WebhookDelivery> Deliveries { get; private set; } = [];
    public Pager Pager { get; private set; } = new(1, 1, _ => "");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
            return NotFound();
        Input = new WebhookForm { Url = Webhook!.Url, Events = [Webhook.Events], Active = Webhook.Active };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var refusals = await webhooks.ChangeAsync(Actor.Of(User), Id, Input.Url, Input.Secret, Input.SelectedEvents, Input.Active, cancellationToken);
        if (refusals.Count > 0)
        {
            if (!await LoadAsync(cancellationToken))
                return Removed();
            Input.AddTo(ModelState, refusals);
            return Page();
        }
        OneTimeMessage.Done(TempData, "Saved.");
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostReplayAsync(long delivery, CancellationToken cancellationToken)
    {
        if (await webhooks.ReplayAsync(Actor.Of(User), Id, delivery, cancellationToken))
            OneTimeMessage.Done(TempData, "Sent again: the new entry at the top of the log says how it went.");
        else if (await db.Webhooks.AnyAsync(w => w.Id == Id, cancellationToken))
            OneTimeMessage.NotDone(TempData, "That delivery is no longer in the log.");
        else
            return Removed();
        return RedirectToPage(new { Id });
    }

    /// <summary>Someone removed the webhook while this page was open: said on the list, not as a bare 404.</summary>
    private RedirectToPageResult Removed()
    {
        OneTimeMessage.NotDone(TempData, "Nothing was saved: this webhook was removed while its page was open.");
        return RedirectToPage("/Admin/Webhooks");
    }

    public async Task<IActionResult> OnPostRemoveAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            OneTimeMessage.NotDone(TempData, "Nothing removed: tick the box to confirm.");
            return RedirectToPage(new { Id });
        }
        if (!await webhooks.RemoveAsync(Actor.Of(User), Id, cancellationToken))
            return NotFound();
        OneTimeMessage.Done(TempData, "Removed the webhook and its delivery log.");
        return RedirectToPage("/Admin/Webhooks");
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Webhook = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == Id, cancellationToken);
        if (Webhook is null)
            return false;
        var log = db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == Id);
        var (page, count) = Pager.Of(PageNumber, await log.CountAsync(cancellationToken), PageSize);
        Pager = new Pager(page, count, p => Url.Page("/Admin/Webhook", new { Id, page = p })!);
        Deliveries = await log.OrderByDescending(d => d.Id).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        return true;
    }
}
