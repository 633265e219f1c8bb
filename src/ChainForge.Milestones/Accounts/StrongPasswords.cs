using Microsoft.AspNetCore.Identity;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// ASVS 2.1: at least 12 characters, no rules of composition, and no password that is easy to
/// guess: zxcvbn (Dropbox's estimator, with its dictionaries of common passwords, words and names)
/// must score it 3 or more, the user's own name counting as a known word. A refusal says what made
/// it weak.
/// </summary>
public sealed class StrongPasswords : IPasswordValidator<IdentityUser>
{
    public const int MinimumLength = 12;
    public const int MinimumScore = 3;

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Task.FromResult(Weakness(password ?? "", user.UserName ?? "") is { } weakness
            ? IdentityResult.Failed(new IdentityError { Code = "WeakPassword", Description = weakness })
            : IdentityResult.Success);
    }

    /// <summary>Why <paramref name="password"/> is too weak, or null when it is strong enough.</summary>
    public static string? Weakness(string password, string userName)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length < MinimumLength)
            return $"Use at least {MinimumLength} characters (a few words make a strong password that is easy to remember).";
        var result = Zxcvbn.Zxcvbn.MatchPassword(password, [userName]);
        if (result.Score >= MinimumScore)
            return null;
        var reasons = result.MatchSequence
            .Select(m => Reason(m.Pattern, m.Token, (m as Zxcvbn.Matcher.DictionaryMatch)?.DictionaryName))
            .OfType<string>()
            .Distinct()
            .ToList();
        return "This password is too easy to guess"
            + (reasons.Count > 0 ? $": {string.Join("; ", reasons)}" : "")
            + ". Add more words or characters that do not follow a pattern.";
    }

    private static string? Reason(string pattern, string token, string? dictionary) => pattern switch
    {
        "dictionary" when dictionary == "user_inputs" => $"“{token}” is your user name",
        "dictionary" when dictionary == "passwords" => $"“{token}” is among the most common passwords",
        "dictionary" => $"“{token}” is a common word or name",
        "spatial" => $"“{token}” is a pattern on the keyboard",
        "repeat" => $"“{token}” repeats characters",
        "sequence" => $"“{token}” is a sequence",
        "date" or "year" or "digits" => $"“{token}” is a date or a run of digits",
        _ => null,
    };
}
