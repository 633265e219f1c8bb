using System.Security.Cryptography;
using System.Text;

namespace ChainForge.Milestones.Accounts;

/// <summary>What a personal access token may do, besides what its person's roles allow.</summary>
[Flags]
public enum TokenScopes
{
    None = 0,
    /// <summary>Read milestones, revisions, the portfolio and the graph.</summary>
    Read = 1,
    /// <summary>Create, replace and archive milestones, as an Author.</summary>
    Write = 2,
    /// <summary>Record review decisions, as a Reviewer.</summary>
    Review = 4,
}

/// <summary>
/// A personal access token for the HTTP API: it acts as its person with the roles they hold that
/// its scopes allow. Only a hash of it is stored; the token itself is shown once, when made.
/// </summary>
public sealed class AccessToken
{
    /// <summary>Every token starts so: a secret scanner can tell one, and a person can tell it from a password.</summary>
    public const string Prefix = "cfm_";

    public const int MaxNameLength = 100;

    /// <summary>The longest a token may live: a year.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    public long Id { get; set; }
    public string UserName { get; set; } = "";
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the token, hex: the token is 256 random bits, so no slow hash is needed.</summary>
    public string Hash { get; set; } = "";
    public TokenScopes Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string RevokedBy { get; set; } = "";

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;

    /// <summary>A new token: the secret to show once, and what to store.</summary>
    public static (string Secret, string Hash) NewSecret()
    {
        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (secret, HashOf(secret));
    }

    public static string HashOf(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    /// <summary>The roles a token of <paramref name="scopes"/> acts with, of those its person holds.</summary>
    public static IReadOnlySet<string> RolesAllowed(TokenScopes scopes, IEnumerable<string> held)
    {
        var allowed = new HashSet<string>();
        foreach (var role in held)
        {
            if ((role == Roles.Author && scopes.HasFlag(TokenScopes.Write)) || (role == Roles.Reviewer && scopes.HasFlag(TokenScopes.Review)))
                allowed.Add(role);
        }
        return allowed;
    }

    /// <summary>The scopes as the pages and the command line spell them: "read, write".</summary>
    public static string Describe(TokenScopes scopes) =>
        string.Join(", ", Enum.GetValues<TokenScopes>().Where(s => s != TokenScopes.None && scopes.HasFlag(s)).Select(s => s.ToString().ToLowerInvariant()));
}
