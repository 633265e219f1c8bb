using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// An approval as the server signed it: which review of which milestone, who approved it, when,
/// and the SHA-256 of the parts that review covers (<see cref="ReviewedContent.Hash"/>). Anyone
/// with the server's public key can check, without the server, that a file's APPROVED line is
/// one the server recorded, of exactly that content.
/// </summary>
public sealed record SignedApproval(string MilestoneId, ReviewKind Kind, string Reviewer, DateOnly Date, ReviewStatus Status, string ReviewedHash, string Signature)
{
    // The algorithm and the statement's form are fixed: a ledger signed today verifies for ever.
    private const string StatementTag = "chainforge-milestones approval 1";
    private const DSASignatureFormat Format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    /// <summary>The review, in the words of the ledger and the template ("technical").</summary>
    public string KindName => Name(Kind);

    public static string Name(ReviewKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>
    /// The bytes signed: a JSON array of the fields, so that no value can pass for another
    /// whatever characters a name holds.
    /// </summary>
    public static byte[] Statement(string milestoneId, ReviewKind kind, string reviewer, DateOnly date, ReviewStatus status, string reviewedHash) =>
        JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            StatementTag, milestoneId, Name(kind), reviewer,
            date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TemplateSpelling.Write(status), reviewedHash,
        });

    /// <summary>Signs the decision's statement with <paramref name="key"/>; null for a decision that is not an approval with a date.</summary>
    public static SignedApproval? Sign(ReviewDecision decision, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(key);
        if (decision.Status != ReviewStatus.Approved || decision.Date is not { } date)
            return null;
        var signature = key.SignData(Statement(decision.MilestoneId, decision.Kind, decision.Reviewer, date, decision.Status, decision.ReviewedHash), HashAlgorithmName.SHA256, Format);
        return new SignedApproval(decision.MilestoneId, decision.Kind, decision.Reviewer, date, decision.Status, decision.ReviewedHash, Convert.ToBase64String(signature));
    }

    /// <summary>Whether the signature is <paramref name="publicKey"/>'s, of exactly these fields.</summary>
    public bool IsSignedBy(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var signature = new byte[Signature.Length];
        return Convert.TryFromBase64String(Signature, signature, out var length)
            && publicKey.VerifyData(Statement(MilestoneId, Kind, Reviewer, Date, Status, ReviewedHash), signature.AsSpan(0, length), HashAlgorithmName.SHA256, Format);
    }

    /// <summary>Whether this is an approval of <paramref name="review"/> of <paramref name="milestone"/> as the file has it now.</summary>
    public bool Covers(Milestone milestone, ReviewKind kind, Review review)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(review);
        return MilestoneId == milestone.Id && Kind == kind && Status == review.Status && Reviewer == review.Reviewer && Date == review.Date
            && ReviewedHash == ReviewedContent.Hash(milestone, kind);
    }

    /// <summary>A public key in PEM form (SubjectPublicKeyInfo), or null when the text holds none.</summary>
    public static ECDsa? ReadPublicKey(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }

    /// <summary>The SHA-256 of the public key's DER form, in hex: a short name for a key, to compare by eye.</summary>
    public static string Fingerprint(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Convert.ToHexStringLower(SHA256.HashData(publicKey.ExportSubjectPublicKeyInfo()));
    }

    internal static string Describe(Review review) =>
        $"{(review.Reviewer.Length > 0 ? review.Reviewer : "nobody named")} on {(review.Date is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "no date")}";
}
