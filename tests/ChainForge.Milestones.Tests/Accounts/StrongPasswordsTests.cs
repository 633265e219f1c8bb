using ChainForge.Milestones.Accounts;

namespace ChainForge.Milestones.Tests.Accounts;

public sealed class StrongPasswordsTests
{
    [Theory]
    [InlineData("Correct-Horse-9")]
    [InlineData("lantern orbit pickle thursday")]
    [InlineData("all lower case but long and odd")]
    public void Long_passwords_that_follow_no_pattern_pass_without_rules_of_composition(string password) =>
        Assert.Null(StrongPasswords.Weakness(password, "dana"));

    [Fact]
    public void A_short_password_is_refused_for_its_length() =>
        Assert.StartsWith("Use at least 12 characters", StrongPasswords.Weakness("Xq7!vR2#", "dana"), StringComparison.Ordinal);

    [Theory]
    [InlineData("password1234", "among the most common passwords")]
    [InlineData("qwertyuiop1234", "“qwertyuiop” is among the most common passwords")]
    [InlineData("aaaaaaaaaaaaaaaa", "repeats characters")]
    [InlineData("danadanadana1", "your user name")]
    public void A_guessable_password_is_refused_saying_why(string password, string why)
    {
        var weakness = StrongPasswords.Weakness(password, "dana");

        Assert.NotNull(weakness);
        Assert.Contains(why, weakness, StringComparison.Ordinal);
    }
}
