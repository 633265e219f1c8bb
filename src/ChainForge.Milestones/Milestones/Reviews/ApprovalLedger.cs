using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones.Markdown;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Milestones.Reviews;

/// <summary>
/// The approvals ledger: one file beside the exported <c>.md</c> files with every current
/// approval the server signed (<see cref="SignedApproval"/>), one JSON object a line, sorted by
/// milestone and review, so that git shows an approval given or gone as one line. <c>check</c>
/// verifies files against it; an import takes an approval it vouches for.
/// </summary>
public static class ApprovalLedger
{
    public const string FileName = "milestone-approvals.jsonl";

    /// <summary>Far above any team's ledger (a line is about 300 bytes); a larger file is not read.</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    private const int MaxLineLength = 4096;
    private const int MaxErrors = 20;

    /// <summary>The ledger's text: deterministic for the same approvals.</summary>
    public static string Write(IEnumerable<SignedApproval> approvals)
    {
        var text = new StringBuilder();
        foreach (var approval in approvals.OrderBy(a => a.MilestoneId, StringComparer.Ordinal).ThenBy(a => a.Kind))
        {
            using var line = new MemoryStream();
            // Names as they are (Zoë, not \u00EB): the file is read by people in diffs, never put in a page.
            using (var json = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("milestone", approval.MilestoneId);
                json.WriteString("review", approval.KindName);
                json.WriteString("reviewer", approval.Reviewer);
                json.WriteString("date", approval.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("status", TemplateSpelling.Write(approval.Status));
                json.WriteString("reviewedSha256", approval.ReviewedHash);
                json.WriteString("source", approval.Source);
                json.WriteString("signature", approval.Signature);
                json.WriteEndObject();
            }
            text.Append(Encoding.UTF8.GetString(line.ToArray())).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Reads a ledger; every line it cannot read is an error at <c>path:line</c>.</summary>
    public static List<SignedApproval> Read(string path, byte[] content, List<FileError> errors)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(errors);
        var approvals = new List<SignedApproval>();
        if (content.Length > MaxBytes)
        {
            errors.Add(new FileError(path, 1, $"an approvals ledger may be at most {MaxBytes / 1024 / 1024} MiB"));
            return approvals;
        }
        using var lines = new StringReader(Encoding.UTF8.GetString(content));
        var bad = 0;
        var number = 0;
        while (lines.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
                continue;
            if (line.Length <= MaxLineLength && ReadLine(line) is { } approval)
            {
                approvals.Add(approval);
                continue;
            }
            // A file that is not a ledger at all gets a few lines' worth of errors, not one a line.
            if (++bad > MaxErrors)
            {
                errors.Add(new FileError(path, number, $"more lines that are not ledger entries follow: is {Path.GetFileName(path)} an approvals ledger?"));
                break;
            }
            errors.Add(new FileError(path, number, line.Length > MaxLineLength
                ? $"a ledger line is at most {MaxLineLength} characters"
                : "not a ledger entry: a JSON object with milestone, review (technical or business), reviewer, date (yyyy-mm-dd), status, reviewedSha256, source and signature"));
        }
        return approvals;
    }

    private static SignedApproval? ReadLine(string line)
    {
        try
        {
            using var entry = JsonDocument.Parse(line);
            var root = entry.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            if (Text("milestone") is not { } id || Text("reviewer") is not { } reviewer || Text("reviewedSha256") is not { } hash || Text("signature") is not { } signature
                || Text("source") is not { } source
                || Enum.GetValues<ReviewKind>().Where(k => SignedApproval.Name(k) == Text("review")).Cast<ReviewKind?>().FirstOrDefault() is not { } kind
                || !DateOnly.TryParseExact(Text("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                || Text("status") is not { } statusText || TemplateSpelling.Parse<ReviewStatus>(statusText) is not { } status)
                return null;
            return new SignedApproval(id, kind, reviewer, date, status, hash, source, signature);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every file whose review says APPROVED without an approval in the ledger, signed by
    /// <paramref name="publicKey"/>, of exactly that review of exactly that content: an error at
    /// the review's line saying which of those it is.
    /// </summary>
    public static List<FileError> Verify(IEnumerable<ReadMilestone> files, IReadOnlyList<SignedApproval> ledger, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(ledger);
        var errors = new List<FileError>();
        foreach (var (file, milestone, lines) in files)
        {
            foreach (var kind in Enum.GetValues<ReviewKind>())
            {
                var review = ReviewWorkflow.ReviewOf(milestone, kind);
                if (review.Status != ReviewStatus.Approved)
                    continue;
                if (Problem(milestone, kind, review, ledger, publicKey) is { } problem)
                    errors.Add(new FileError(file.Path, lines.ReviewOf(kind), problem));
            }
        }
        return errors;
    }

    /// <summary>Why the ledger does not vouch for this approval; null when it does.</summary>
    public static string? Problem(Milestone milestone, ReviewKind kind, Review review, IReadOnlyList<SignedApproval> ledger, ECDsa publicKey) =>
        Find(milestone, kind, review, ledger, publicKey).Problem;

    /// <summary>The ledger's valid signed approval of this review of this content, or why there is none.</summary>
    public static (SignedApproval? Approval, string? Problem) Find(Milestone milestone, ReviewKind kind, Review review, IReadOnlyList<SignedApproval> ledger, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(review);
        ArgumentNullException.ThrowIfNull(ledger);
        var name = SignedApproval.Name(kind);
        var entries = ledger.Where(a => a.MilestoneId == milestone.Id && a.Kind == kind).ToList();
        if (entries.Count == 0)
            return (null, $"the {name} review says APPROVED by {SignedApproval.Describe(review)}, but the approvals ledger has no approval of it: approvals are recorded in the app by reviewers, not typed into a file");
        // Once per review, whatever the ledger holds: a hostile ledger of many entries costs comparisons, not exports.
        var hash = ReviewedContent.Hash(milestone, kind);
        var covering = entries.Where(a => a.Covers(milestone.Id, kind, review, hash)).ToList();
        if (covering.Count == 0)
        {
            return (null, entries.Any(a => a.Reviewer == review.Reviewer && a.Date == review.Date)
                ? $"the parts the {name} review covers are not what {review.Reviewer} approved: they changed after the approval (its SHA-256 in the ledger differs), so it needs approving again"
                : $"the {name} review says APPROVED by {SignedApproval.Describe(review)}, but the ledger's approval of it is by {string.Join(" and ", entries.Take(3).Select(a => $"{a.Reviewer} on {a.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"))}");
        }
        // A ledger merged from several pulls may hold the same approval more than once: any valid one vouches.
        return covering.Find(a => a.IsSignedBy(publicKey)) is { } signed
            ? (signed, null)
            : (null, $"the ledger's signature of the {name} approval is not valid under the public key {SignedApproval.Fingerprint(publicKey)[..16]}: signed by another key, or the ledger was edited");
    }

    /// <summary>The signed approvals each milestone's review section shows now, archived milestones left out.</summary>
    public static async Task<List<SignedApproval>> CurrentAsync(MilestonesDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var decisions = await ReviewHistory.CurrentApprovals(db).AsNoTracking()
            .Where(d => d.Signature != null && db.Milestones.Any(m => m.Id == d.MilestoneId))
            .Select(d => new { d.MilestoneId, d.Kind, d.Reviewer, Date = d.Date!.Value, d.Status, d.ReviewedHash, d.Source, d.Signature })
            .ToListAsync(cancellationToken);
        return [.. decisions.Select(d => new SignedApproval(d.MilestoneId, d.Kind, d.Reviewer, d.Date, d.Status, d.ReviewedHash, SignedApproval.SourceName(d.Source), d.Signature!))];
    }
}
