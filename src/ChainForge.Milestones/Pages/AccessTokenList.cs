using ChainForge.Milestones.Accounts;

namespace ChainForge.Milestones.Pages;

/// <summary>The access tokens a page lists (<c>_AccessTokens.cshtml</c>), and the time that says which are expired.</summary>
public sealed record AccessTokenList(IReadOnlyList<AccessToken> Tokens, DateTimeOffset Now);
