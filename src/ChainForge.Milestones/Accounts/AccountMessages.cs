using Microsoft.AspNetCore.Identity;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// Identity's refusals in the app's own words, wherever they surface (the administrators' pages,
/// first-run setup, a password change, the command line): the framework's defaults speak of
/// "Username" and quote the name.
/// </summary>
public sealed class AccountMessages : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new()
    {
        Code = nameof(DuplicateUserName),
        Description = $"There is an account named {userName} already: choose another name.",
    };

    public override IdentityError InvalidUserName(string? userName) => new()
    {
        Code = nameof(InvalidUserName),
        Description = "A user name may hold the letters a–z and A–Z, digits, and - . _ @ + only.",
    };

    public override IdentityError PasswordMismatch() => new()
    {
        Code = nameof(PasswordMismatch),
        Description = "That is not your current password.",
    };
}
