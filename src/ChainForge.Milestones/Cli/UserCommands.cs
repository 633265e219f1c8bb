using System.CommandLine;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.Identity;

namespace ChainForge.Milestones.Cli;

/// <summary>
/// <c>user create NAME --role R</c> and <c>user reset-password NAME</c>: the way into a server
/// for its operator, and back in for someone locked out. The password is read from standard
/// input (one line) unless <c>--password</c> gives it, so that it need not stay in shell history.
/// </summary>
internal static class UserCommands
{
    public static Command Create(Option<string?> db, Func<string?, ServiceProvider> services, TextReader input, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "The user name" };
        var password = new Option<string?>("--password") { Description = "The password; better left out, and typed on standard input (an option stays in the shell's history)" };
        var roles = new Option<string[]>("--role") { Description = $"A role to give: {string.Join(", ", Roles.All)} (repeatable)" };
        roles.AcceptOnlyFromAmong([.. Roles.All]);

        var keep = new Option<bool>("--keep-password") { Description = "For an account a script uses: its owner is not asked to choose their own password at first sign-in" };
        var create = new Command("create", "Create an account; its owner chooses their own password at first sign-in") { name, password, roles, keep };
        create.SetAction(async (parse, cancellationToken) =>
        {
            await using var provider = services(parse.GetValue(db));
            await using var scope = await UsersAsync(provider, cancellationToken);
            var accounts = scope.ServiceProvider.GetRequiredService<AccountChanges>();
            var secret = await SecretAsync(parse.GetValue(password), input, error, cancellationToken);
            var errors = await accounts.CreateAsync(Actor.CommandLine, parse.GetValue(name)!, secret, parse.GetValue(roles) ?? [], parse.GetValue(keep), cancellationToken);
            return await Report(errors, $"created {parse.GetValue(name)}", output, error);
        });

        var reset = new Command("reset-password", "Set a new password and lift a lockout") { name, password };
        reset.SetAction(async (parse, cancellationToken) =>
        {
            await using var provider = services(parse.GetValue(db));
            await using var scope = await UsersAsync(provider, cancellationToken);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
            if (await users.FindByNameAsync(parse.GetValue(name)!) is not { } user)
                return await Report([$"no account named {parse.GetValue(name)}"], "", output, error);
            var secret = await SecretAsync(parse.GetValue(password), input, error, cancellationToken);
            var errors = await scope.ServiceProvider.GetRequiredService<AccountChanges>().ResetPasswordAsync(Actor.CommandLine, user, secret, cancellationToken);
            return await Report(errors, $"new password set for {user.UserName}", output, error);
        });

        return new Command("user", "Create accounts and reset passwords") { create, reset };
    }

    private static async Task<string> SecretAsync(string? option, TextReader input, TextWriter error, CancellationToken cancellationToken)
    {
        if (option is null)
            return await input.ReadLineAsync(cancellationToken) ?? "";
        await error.WriteLineAsync("warning: --password leaves the password in the shell's history and the process list; leave it out and type it on standard input");
        return option;
    }

    private static async Task<AsyncServiceScope> UsersAsync(ServiceProvider provider, CancellationToken cancellationToken)
    {
        await Database.MigrateAsync(provider, cancellationToken);
        await Accounts.Accounts.EnsureRolesAsync(provider);
        return provider.CreateAsyncScope();
    }

    private static async Task<int> Report(IReadOnlyList<string> errors, string success, TextWriter output, TextWriter error)
    {
        foreach (var e in errors)
            await error.WriteLineAsync(e);
        if (errors.Count > 0)
            return 1;
        await output.WriteLineAsync(success);
        return 0;
    }
}
