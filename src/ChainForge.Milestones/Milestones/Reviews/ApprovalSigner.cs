using System.Security.Cryptography;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// The server's key for signing approvals (ECDSA P-256), one row: the public key as PEM, the
/// private key protected by Data Protection (whose keys every instance shares), so that a copy of
/// the database alone cannot sign.
/// </summary>
public sealed class ApprovalSigningKey
{
    public int Id { get; set; } = 1;
    public string PublicKey { get; set; } = "";
    public string ProtectedPrivateKey { get; set; } = "";
}

/// <summary>Makes, keeps and uses the server's approval signing key.</summary>
public sealed class ApprovalSigner(IDataProtectionProvider dataProtection)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("ChainForge.Milestones.ApprovalSigningKey");

    /// <summary>The key, made the first time it is asked for (at the app's start): its private half, to sign with.</summary>
    public async Task<ECDsa> PrivateKeyAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        var stored = await StoredAsync(db, cancellationToken);
        byte[] privateKey;
        try
        {
            privateKey = Convert.FromBase64String(_protector.Unprotect(stored.ProtectedPrivateKey));
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "The approval signing key cannot be read with this server's Data Protection keys (lost, or protected with another certificate: DataProtection:Certificate:Path). "
                + "Approvals cannot be recorded until the keys are back; the key stays as it is, so that ledgers signed with it still verify.", e);
        }
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(privateKey, out _);
        return key;
    }

    /// <summary>The public key in PEM form, which anyone may have: <c>check</c> verifies ledgers with it.</summary>
    public async Task<string> PublicKeyPemAsync(MilestonesDbContext db, CancellationToken cancellationToken = default) =>
        (await StoredAsync(db, cancellationToken)).PublicKey;

    private async Task<ApprovalSigningKey> StoredAsync(MilestonesDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.ApprovalSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == 1, cancellationToken) is { } stored)
            return stored;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = key.ExportSubjectPublicKeyInfoPem();
        var privateKey = _protector.Protect(Convert.ToBase64String(key.ExportPkcs8PrivateKey()));
        // Outside the caller's unit of work, which may hold a change half made; two instances
        // starting at once both try, and the first one's key is everyone's.
        await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "ApprovalSigningKeys" ("Id", "PublicKey", "ProtectedPrivateKey") VALUES (1, {publicKey}, {privateKey}) ON CONFLICT DO NOTHING""",
            cancellationToken);
        return await db.ApprovalSigningKeys.AsNoTracking().FirstAsync(k => k.Id == 1, cancellationToken);
    }

    /// <summary>
    /// Signs the current approvals recorded before approvals were signed, so that the ledger
    /// vouches for every approval the server holds. Run at start.
    /// </summary>
    public async Task BackfillAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var unsigned = ReviewHistory.CurrentApprovals(db).Where(d => d.Signature == null);
        if (!await unsigned.AnyAsync(cancellationToken))
            return;
        using var key = await PrivateKeyAsync(db, cancellationToken);
        foreach (var batch in (await unsigned.ToListAsync(cancellationToken)).Chunk(500))
        {
            foreach (var decision in batch)
                decision.Signature = SignedApproval.Sign(decision, key)?.Signature;
            await db.SaveChangesAsync(cancellationToken);
        }
        db.ChangeTracker.Clear();
    }
}
