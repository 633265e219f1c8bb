using System.Security.Claims;
using ChainForge.Milestones.Audit;

namespace ChainForge.Milestones.Accounts;

/// <summary>Who asks for a change, with the roles they hold and the channel they came through.</summary>
public sealed record Actor(string Name, IReadOnlySet<string> HeldRoles, Channel Channel)
{
    /// <summary>The server's operator at its command line: the one who holds the database file.</summary>
    public static readonly Actor CommandLine = new("command line", new HashSet<string>([Roles.Author, Roles.Admin]), Channel.CommandLine);

    /// <summary>The signed-in person of a web request.</summary>
    public static Actor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : "";
        var channel = user.Identity?.AuthenticationType == AccessTokenAuthentication.SchemeName ? Channel.Api : Channel.Web;
        return new Actor(name, Roles.All.Where(user.IsInRole).ToHashSet(), channel);
    }

    public bool Holds(string role) => Name.Length > 0 && HeldRoles.Contains(role);

    /// <summary>Who saved a milestone last, as the page tells this actor: "you (in another window)" when it was them.</summary>
    public string Describe(string lastEditedBy) =>
        lastEditedBy.Length == 0 ? "someone else"
        : string.Equals(lastEditedBy, Name, StringComparison.OrdinalIgnoreCase) ? "you (in another window)"
        : lastEditedBy;
}
