using ChainForge.Milestones.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Accounts;

/// <summary>Identity's refusals reach people in the app's words.</summary>
public sealed class AccountMessagesTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private async Task<IReadOnlyList<string>> CreateAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AccountChanges>()
            .CreateAsync(Actors.Admin("root"), userName, MilestonesAppFactory.Password, [Roles.Author], cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_taken_name_is_refused_in_the_apps_words()
    {
        await app.EnsureUserAsync("vera", Roles.Author);

        Assert.Equal(["There is an account named vera already: choose another name."], await CreateAsync("vera"));
    }

    [Fact]
    public async Task A_name_with_a_space_is_refused_with_what_a_name_may_hold()
    {
        var refusal = Assert.Single(await CreateAsync("vera lynn"));

        Assert.StartsWith("A user name may hold the letters a–z", refusal, StringComparison.Ordinal);
    }
}
