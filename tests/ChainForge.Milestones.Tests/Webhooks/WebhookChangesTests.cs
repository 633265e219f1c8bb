using ChainForge.Milestones.Audit;
using ChainForge.Milestones.Tests.Data;
using ChainForge.Milestones.Webhooks;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Tests.Webhooks;

/// <summary>Registering, changing, removing and replaying: administrators only, each audited, each rule said at its field.</summary>
public sealed class WebhookChangesTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly EphemeralDataProtectionProvider _keys = new();
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _database.InitializeAsync();

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private async Task<T> WithChangesAsync<T>(Func<WebhookChanges, Task<T>> change)
    {
        await using var db = _database.CreateContext();
        return await change(new WebhookChanges(db, TimeProvider.System, _keys));
    }

    [Fact]
    public async Task A_registered_webhook_keeps_its_secret_protected_and_an_empty_secret_is_made_and_given_once()
    {
        var (webhook, secret, refusals) = await WithChangesAsync(c => c.RegisterAsync(Actors.Admin(), " https://ci.example.com/hooks ", null, WebhookEvents.DecisionRecorded | WebhookEvents.ApprovalStale, Cancel));

        Assert.Empty(refusals);
        Assert.True(secret!.Length >= WebhookChanges.MinSecretLength);
        await using var db = _database.CreateContext();
        var stored = await db.Webhooks.AsNoTracking().SingleAsync(w => w.Id == webhook!.Id, Cancel);
        Assert.Equal("https://ci.example.com/hooks", stored.Url);
        Assert.DoesNotContain(secret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(secret, _keys.CreateProtector(WebhookChanges.SecretPurpose).Unprotect(stored.ProtectedSecret));
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == AuditAction.WebhookRegistered, Cancel);
        Assert.Equal("https://ci.example.com/hooks for review.decided, review.approval_stale", audit.Details);
        Assert.DoesNotContain(secret, audit.Details, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "a-secret-of-enough-length", WebhookEvents.All, "Url", "Give the address")]
    [InlineData("ftp://example.com/hook", "a-secret-of-enough-length", WebhookEvents.All, "Url", "http or https URL")]
    [InlineData("/hooks/relative", "a-secret-of-enough-length", WebhookEvents.All, "Url", "http or https URL")]
    [InlineData("https://user:pass@example.com/hook", "a-secret-of-enough-length", WebhookEvents.All, "Url", "Leave the user name and password out")]
    [InlineData("https://example.com/hook", "short", WebhookEvents.All, "Secret", "A secret has 16 to 256 characters")]
    [InlineData("https://example.com/hook", " a-secret-of-enough-length", WebhookEvents.All, "Secret", "without spaces at its ends")]
    [InlineData("https://example.com/hook", "a-secret-of-enough-length", WebhookEvents.None, "Events", "at least one event")]
    public async Task What_cannot_be_a_webhook_is_refused_at_its_field_and_nothing_is_stored(string url, string secret, WebhookEvents events, string field, string message)
    {
        var (webhook, _, refusals) = await WithChangesAsync(c => c.RegisterAsync(Actors.Admin(), url, secret, events, Cancel));

        Assert.Null(webhook);
        var refusal = Assert.Single(refusals);
        Assert.Equal(field, refusal.Field);
        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Empty(await db.Webhooks.ToListAsync(Cancel));
    }

    [Fact]
    public async Task Only_administrators_register_change_remove_or_replay()
    {
        var (webhook, _, _) = await WithChangesAsync(c => c.RegisterAsync(Actors.Admin(), "https://ci.example.com/hooks", null, WebhookEvents.All, Cancel));
        var author = Actors.Author("ana");

        Assert.Null((await WithChangesAsync(c => c.RegisterAsync(author, "https://evil.example.com", null, WebhookEvents.All, Cancel))).Webhook);
        Assert.NotEmpty(await WithChangesAsync(c => c.ChangeAsync(author, webhook!.Id, "https://evil.example.com", null, WebhookEvents.All, true, Cancel)));
        Assert.False(await WithChangesAsync(c => c.RemoveAsync(author, webhook!.Id, Cancel)));
        Assert.False(await WithChangesAsync(c => c.ReplayAsync(author, webhook!.Id, 1, Cancel)));
        await using var db = _database.CreateContext();
        Assert.Equal("https://ci.example.com/hooks", (await db.Webhooks.SingleAsync(Cancel)).Url);
    }

    [Fact]
    public async Task A_change_keeps_the_secret_unless_a_new_one_is_given_and_removing_takes_the_log_with_it()
    {
        var (webhook, secret, _) = await WithChangesAsync(c => c.RegisterAsync(Actors.Admin(), "https://ci.example.com/hooks", null, WebhookEvents.All, Cancel));
        var protector = _keys.CreateProtector(WebhookChanges.SecretPurpose);

        Assert.Empty(await WithChangesAsync(c => c.ChangeAsync(Actors.Admin(), webhook!.Id, "https://ci.example.com/v2", "", WebhookEvents.MilestoneCreated, false, Cancel)));
        await using (var db = _database.CreateContext())
        {
            var changed = await db.Webhooks.AsNoTracking().SingleAsync(Cancel);
            Assert.Equal(("https://ci.example.com/v2", WebhookEvents.MilestoneCreated, false, secret), (changed.Url, changed.Events, changed.Active, protector.Unprotect(changed.ProtectedSecret)));
        }
        Assert.Empty(await WithChangesAsync(c => c.ChangeAsync(Actors.Admin(), webhook!.Id, "https://ci.example.com/v2", "a-brand-new-secret-value", WebhookEvents.All, true, Cancel)));
        Assert.True(await WithChangesAsync(c => c.RemoveAsync(Actors.Admin(), webhook!.Id, Cancel)));

        await using var after = _database.CreateContext();
        Assert.Empty(await after.Webhooks.ToListAsync(Cancel));
        Assert.Equal([AuditAction.WebhookRegistered, AuditAction.WebhookChanged, AuditAction.WebhookChanged, AuditAction.WebhookRemoved],
            await after.AuditEvents.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Cancel));
        Assert.Contains("new secret", (await after.AuditEvents.Where(a => a.Action == AuditAction.WebhookChanged).OrderBy(a => a.Id).Select(a => a.Details).ToListAsync(Cancel))[1], StringComparison.Ordinal);
    }
}
