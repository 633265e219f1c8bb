using ChainForge.Milestones.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Accounts;

public sealed class AccountChangesTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    [Fact]
    public async Task Two_administrators_demoting_each_other_at_once_leave_one_administrator()
    {
        await app.EnsureUserAsync("ann", Roles.Admin);
        await app.EnsureUserAsync("bob", Roles.Admin);

        var results = await Task.WhenAll(new[] { ("ann", "bob"), ("bob", "ann") }.Select(async pair =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            var target = (await users.FindByNameAsync(pair.Item2))!;
            return await scope.ServiceProvider.GetRequiredService<AccountChanges>()
                .SetRolesAsync(Actors.Admin(pair.Item1), target, [Roles.Author], TestContext.Current.CancellationToken);
        }));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is not null && r.Contains("last administrator", StringComparison.Ordinal));
        using var check = app.Services.CreateScope();
        Assert.Single(await check.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>().GetUsersInRoleAsync(Roles.Admin));
    }
}
