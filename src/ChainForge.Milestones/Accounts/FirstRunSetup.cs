using System.Security.Cryptography;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Accounts;

/// <summary>
/// While no account exists every request is sent to the setup page, which asks for the first
/// administrator: there is no default password anywhere.
/// </summary>
public sealed partial class FirstRunSetup(RequestDelegate next)
{
    public const string Path = "/setup";

    // Once an account exists it always will: stop asking the database.
    private volatile bool _hasAccounts;

    // The context is asked for only while no account is known: most requests need none.
    public async Task InvokeAsync(HttpContext context)
    {
        // The API and its description answer for themselves: a tool gets a 401, not a page to set up.
        if (!_hasAccounts && !context.Request.Path.StartsWithSegments(Path, StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && !context.Request.Path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase))
        {
            _hasAccounts = await Accounts.AnyAsync(context.RequestServices.GetRequiredService<MilestonesDbContext>(), context.RequestAborted);
            if (!_hasAccounts)
            {
                context.Response.Redirect(Path);
                return;
            }
        }
        await next(context);
    }

    /// <summary>
    /// The code that claims a fresh instance: the stored one, or a new one stored now; null once
    /// an account exists. One transaction, so that the server and the command line agree.
    /// </summary>
    public static async Task<string?> SetupCodeAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await Accounts.AnyAsync(db, cancellationToken))
            return null;
        var settings = await TeamSettingsStore.GetAsync(db, cancellationToken);
        if (settings.SetupCode is not { Length: > 0 })
        {
            settings.SetupCode = NewCode();
            await TeamSettingsStore.SaveAsync(db, settings, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return settings.SetupCode;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No account exists yet. Open /setup and give this setup code to create the first administrator: {SetupCode}")]
    public static partial void LogSetupCode(ILogger logger, string setupCode);

    /// <summary>Whether <paramref name="given"/> is the stored code, compared in constant time.</summary>
    public static bool Matches(string? stored, string given)
    {
        ArgumentNullException.ThrowIfNull(given);
        var normalized = given.Trim().ToUpperInvariant();
        return stored is { Length: > 0 } && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(stored), System.Text.Encoding.ASCII.GetBytes(normalized));
    }

    // 16 letters and digits that cannot be mistaken for each other (no 0/O, 1/I/L): 80 bits.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private static string NewCode()
    {
        var chars = new char[19];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i % 5 == 4 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }
}
