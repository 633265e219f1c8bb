using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ChainForge.Milestones.Milestones.Markdown;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// An approval as the server signed it: which review of which milestone, who approved it, when,
/// the SHA-256 of the parts that review covers (<see cref="ReviewedContent.Hash"/>), and where the
/// approval came from (<see cref="SourceName"/>: a reviewer in the app, or an administrator's
/// acceptance of a file). Anyone with the server's public key can check, without the server, that
/// a file's APPROVED line is one the server recorded, of exactly that content.
/// </summary>
public sealed record SignedApproval(string MilestoneId, ReviewKind Kind, string Reviewer, DateOnly Date, ReviewStatus Status, string ReviewedHash, string Source, string Signature)
{
    /// <summary>A reviewer signed in to the app decided: the source of every approval but those below.</summary>
    public const string FromApp = "app";
    // The algorithm and the statement's form are fixed: a ledger signed today verifies for ever.
    private const string StatementTag = "chainforge-milestones approval 1";
    private const DSASignatureFormat Format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;

    /// <summary>The review, in the words of the ledger and the template ("technical").</summary>
    public string KindName => Name(Kind);

    public static string Name(ReviewKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Where a decision came from, in the ledger's words: said, and signed, so that nobody takes an accepted file for a reviewer's decision.</summary>
    public static string SourceName(ReviewSource source) => source switch
    {
        ReviewSource.App => FromApp,
        ReviewSource.AcceptedFromFile => "accepted-from-file",
        ReviewSource.FromLedger => "from-ledger",
        ReviewSource.Import => "imported-before-reviews-were-recorded",
        _ => "stale",
    };

    /// <summary>
    /// The bytes signed: a JSON array of the fields, so that no value can pass for another
    /// whatever characters a name holds.
    /// </summary>
    public static byte[] Statement(string milestoneId, ReviewKind kind, string reviewer, DateOnly date, ReviewStatus status, string reviewedHash, string source) =>
        JsonSerializer.SerializeToUtf8Bytes(new[]
        {
            StatementTag, milestoneId, Name(kind), reviewer,
            date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), TemplateSpelling.Write(status), reviewedHash, source,
        });

    /// <summary>Signs the decision's statement with <paramref name="key"/>; null for a decision that is not an approval with a date.</summary>
    public static SignedApproval? Sign(ReviewDecision decision, ECDsa key)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(key);
        if (decision.Status != ReviewStatus.Approved || decision.Date is not { } date)
            return null;
        var source = SourceName(decision.Source);
        var signature = key.SignData(Statement(decision.MilestoneId, decision.Kind, decision.Reviewer, date, decision.Status, decision.ReviewedHash, source), HashAlgorithmName.SHA256, Format);
        return new SignedApproval(decision.MilestoneId, decision.Kind, decision.Reviewer, date, decision.Status, decision.ReviewedHash, source, Convert.ToBase64String(signature));
    }

    /// <summary>Whether the signature is <paramref name="publicKey"/>'s, of exactly these fields.</summary>
    public bool IsSignedBy(ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var signature = new byte[Signature.Length];
        return Convert.TryFromBase64String(Signature, signature, out var length)
            && publicKey.VerifyData(Statement(MilestoneId, Kind, Reviewer, Date, Status, ReviewedHash, Source), signature.AsSpan(0, length), HashAlgorithmName.SHA256, Format);
    }

    /// <summary>
    /// Whether this is an approval of <paramref name="review"/> of the milestone as the file has it
    /// now, whose covered parts hash to <paramref name="reviewedHash"/> (computed once by the caller).
    /// </summary>
    public bool Covers(string milestoneId, ReviewKind kind, Review review, string reviewedHash)
    {
        ArgumentNullException.ThrowIfNull(review);
        return MilestoneId == milestoneId && Kind == kind && Status == review.Status && Reviewer == review.Reviewer && Date == review.Date
            && ReviewedHash == reviewedHash;
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
