using System.Security.Claims;
using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;

namespace ChainForge.Milestones.Tests.Accounts;

public sealed class RememberedTicketsTests
{
    /// <summary>The cookie handler's own format, counting what it decrypts.</summary>
    private sealed class Counting(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotected { get; private set; }
        public string Protect(AuthenticationTicket data) => inner.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return inner.Unprotect(protectedText, purpose);
        }
    }

    private readonly Counting _format = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("tests")));

    private static AuthenticationTicket Ticket(string name) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, name)], "cookies")),
            new AuthenticationProperties { ExpiresUtc = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero) }, "Identity.Application");

    [Fact]
    public void A_cookie_is_decrypted_once_and_each_request_gets_a_copy_of_its_own()
    {
        using var tickets = new RememberedTickets(_format);
        var cookie = tickets.Protect(Ticket("ada"));

        var first = tickets.Unprotect(cookie)!;
        first.Principal.Identities.Single().AddClaim(new Claim(ClaimTypes.Role, "Admin"));
        first.Properties.ExpiresUtc = DateTimeOffset.MaxValue;
        var second = tickets.Unprotect(cookie)!;

        Assert.Equal(1, _format.Unprotected);
        Assert.Equal("ada", second.Principal.Identity!.Name);
        Assert.False(second.Principal.IsInRole("Admin"));
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero), second.Properties.ExpiresUtc);
        Assert.Equal("bob", tickets.Unprotect(tickets.Protect(Ticket("bob")))!.Principal.Identity!.Name);
    }

    [Fact]
    public void A_cookie_that_does_not_decrypt_is_refused_every_time_and_not_kept()
    {
        using var tickets = new RememberedTickets(_format);
        var forged = tickets.Protect(Ticket("ada"))[..^4] + "AAAA";

        Assert.Null(tickets.Unprotect(forged));
        Assert.Null(tickets.Unprotect(forged));
        Assert.Null(tickets.Unprotect(null));
        Assert.Equal(3, _format.Unprotected);
    }
}
