using System.CommandLine;
using System.Globalization;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;

namespace ChainForge.Milestones.Cli;

/// <summary>
/// <c>token create --user NAME --name NAME --scope read [--scope write] [--expires 30d]</c>: a
/// personal access token made by the server's operator, for setting up a repository's CI. The
/// token is printed alone on the last line, so that a script can take it with <c>tail -n 1</c>.
/// </summary>
internal static class TokenCommands
{
    public static Command Create(Option<string?> db, Func<string?, ServiceProvider> services, TextWriter output, TextWriter error)
    {
        var user = new Option<string>("--user") { Description = "The account the token acts as", Required = true };
        var name = new Option<string>("--name") { Description = "What will use it, e.g. \"CI of the firmware repository\"", Required = true };
        var scopes = new Option<string[]>("--scope") { Description = "read (always), write, review (repeatable)", Required = true };
        scopes.AcceptOnlyFromAmong("read", "write", "review");
        var expires = new Option<string>("--expires") { Description = "Its lifetime in days, as 30d (at most 366d)", DefaultValueFactory = _ => "30d" };

        var create = new Command("create", "Make a token; it is printed once, on the last line") { user, name, scopes, expires };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var lifetime = parse.GetValue(expires)!;
            if (!lifetime.EndsWith('d') || !int.TryParse(lifetime.AsSpan(0, lifetime.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days < 1)
            {
                await error.WriteLineAsync($"--expires is a number of days, as 30d: not {lifetime}");
                return 1;
            }
            var wanted = (parse.GetValue(scopes) ?? []).Aggregate(TokenScopes.None, (all, s) => all | Enum.Parse<TokenScopes>(s, ignoreCase: true));
            await using var provider = services(parse.GetValue(db));
            await Database.MigrateAsync(provider, cancellationToken);
            await using var scope = provider.CreateAsyncScope();
            var (secret, refusal) = await scope.ServiceProvider.GetRequiredService<AccountChanges>()
                .CreateTokenAsync(Actor.CommandLine, parse.GetValue(user)!, parse.GetValue(name)!, wanted, TimeSpan.FromDays(days), cancellationToken);
            if (secret is null)
            {
                await error.WriteLineAsync(refusal);
                return 1;
            }
            await output.WriteLineAsync($"token \"{parse.GetValue(name)}\" for {parse.GetValue(user)} ({AccessToken.Describe(wanted)}), expires in {days} days; it is shown once:");
            await output.WriteLineAsync(secret);
            return 0;
        });
        return new Command("token", "Personal access tokens for the HTTP API") { create };
    }
}
