using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Reads each sign-in cookie once: its ticket is decrypted on the first request that brings it and
/// kept while that cookie is in use, instead of costing an AES decryption, a MAC and a deserialization on
/// every request of every page (a tenth of a first view's CPU, benchmarks/LOAD.md). Every request
/// gets its own copy of the ticket, and the cookie handler still checks its expiry and
/// <see cref="Sessions"/> its account on every request. A cookie that does not decrypt is not kept.
/// </summary>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    /// <summary>Cookies kept at most: each is a ticket of a few claims, so a few megabytes in all.</summary>
    public const int Capacity = 10_000;

    // A cookie is renewed halfway through its sliding lifetime; its old value stops coming soon after.
    private static readonly TimeSpan Unused = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _tickets = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
            return inner.Unprotect(protectedText, purpose);
        if (!_tickets.TryGetValue(protectedText, out AuthenticationTicket? ticket) || ticket is null)
        {
            ticket = inner.Unprotect(protectedText);
            if (ticket is null)
                return null;
            _tickets.Set(protectedText, ticket, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = Unused });
        }
        return ticket.Clone();
    }

    public void Dispose() => _tickets.Dispose();
}
