using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Webhooks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Pages.Admin;

/// <summary>The webhooks: each with how its deliveries stand, and the form that registers one.</summary>
[Authorize(Policy = Roles.Admin)]
public sealed class WebhooksModel(MilestonesDbContext db, WebhookChanges webhooks) : PageModel
{
    public sealed record Row(long Id, string Url, WebhookEvents Events, bool Active, int Pending, int Failed, DateTimeOffset? LastDelivered);

    [BindProperty]
    public WebhookForm Input { get; set; } = new();

    /// <summary>A secret the app made, shown once, right after registering.</summary>
    [TempData]
    public string? MadeSecret { get; set; }

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Events = [WebhookEvents.All];
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var (webhook, secret, refusals) = await webhooks.RegisterAsync(Actor.Of(User), Input.Url, Input.Secret, Input.SelectedEvents, cancellationToken);
        if (webhook is null)
        {
            Input.AddTo(ModelState, refusals);
            await LoadAsync(cancellationToken);
            return Page();
        }
        OneTimeMessage.Done(TempData, $"Registered {webhook.Url}.");
        MadeSecret = string.IsNullOrWhiteSpace(Input.Secret) ? secret : null;
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Rows = await db.Webhooks.AsNoTracking().OrderBy(w => w.Id)
            .Select(w => new Row(w.Id, w.Url, w.Events, w.Active,
                db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.State == DeliveryState.Pending),
                db.WebhookDeliveries.Count(d => d.WebhookId == w.Id && d.State == DeliveryState.Failed),
                db.WebhookDeliveries.Where(d => d.WebhookId == w.Id && d.State == DeliveryState.Delivered).OrderByDescending(d => d.Id).Select(d => d.DeliveredAt).FirstOrDefault()))
            .ToListAsync(cancellationToken);
}

/// <summary>What the forms of both webhook pages post: the address, a secret (empty: made, or kept), the events.</summary>
public sealed class WebhookForm
{
    public string Url { get; set; } = "";
    public string? Secret { get; set; }
    // Empty unless posted: a form with every box cleared chose no event (the empty form shows them all ticked).
    public List<WebhookEvents> Events { get; set; } = [];
    public bool Active { get; set; } = true;

    public WebhookEvents SelectedEvents => Events.Aggregate(WebhookEvents.None, (all, e) => all | (e & WebhookEvents.All));

    public bool Has(WebhookEvents @event) => SelectedEvents.HasFlag(@event);

    /// <summary>Each refusal next to the field it is about.</summary>
    public void AddTo(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, IEnumerable<WebhookRefusal> refusals)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(refusals);
        foreach (var refusal in refusals)
            modelState.AddModelError(refusal.Field.Length > 0 ? $"Input.{refusal.Field}" : "", refusal.Message);
    }
}
