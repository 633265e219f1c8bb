using ChainForge.Milestones.Accounts;

namespace ChainForge.Milestones.Tests.Accounts;

public sealed class AccessTokenTests
{
    [Fact]
    public void Each_secret_is_new_prefixed_and_stored_only_as_its_hash()
    {
        var (first, hash) = AccessToken.NewSecret();
        var (second, _) = AccessToken.NewSecret();

        Assert.NotEqual(first, second);
        Assert.StartsWith(AccessToken.Prefix, first, StringComparison.Ordinal);
        Assert.True(first.Length > 40);
        Assert.Equal(AccessToken.HashOf(first), hash);
        Assert.Equal(64, hash.Length);
        Assert.DoesNotContain(first[AccessToken.Prefix.Length..], hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TokenScopes.Read, new string[] { })]
    [InlineData(TokenScopes.Read | TokenScopes.Write, new[] { Roles.Author })]
    [InlineData(TokenScopes.Read | TokenScopes.Review, new[] { Roles.Reviewer })]
    [InlineData(TokenScopes.Read | TokenScopes.Write | TokenScopes.Review, new[] { Roles.Author, Roles.Reviewer })]
    public void A_token_acts_with_the_roles_its_person_holds_that_its_scopes_allow_and_never_as_an_administrator(TokenScopes scopes, string[] expected)
    {
        Assert.Equal(expected.Order(), AccessToken.RolesAllowed(scopes, Roles.All).Order());
    }
}
