using System.Security.Cryptography;
using System.Text;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests.Milestones.Reviews;

/// <summary>The ledger's form, and its verification of files without the server: each kind of tampering caught at its line.</summary>
public sealed class ApprovalLedgerTests : IDisposable
{
    private readonly ECDsa _server = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _other = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose()
    {
        _server.Dispose();
        _other.Dispose();
    }

    /// <summary>The example (Priya's technical approval) as the server stores it, with its signed approval.</summary>
    private static (Milestone Milestone, SignedApproval Approval) Approved(ECDsa key)
    {
        var milestone = MarkdownImporter.Import(Fixture.Example).Milestone!;
        var decision = ReviewWorkflow.Accept(milestone, ReviewKind.Technical, "root", DateTimeOffset.UnixEpoch);
        return (milestone, SignedApproval.Sign(decision, key)!);
    }

    private static ReadMilestone Read(string markdown, string path = "repo/M-007.md")
    {
        Assert.Empty(MilestoneFiles.Check([new MilestoneFile(path, Encoding.UTF8.GetBytes(markdown))], out var read));
        return read.Single();
    }

    private List<FileError> Verify(string markdown, IReadOnlyList<SignedApproval> ledger, ECDsa? key = null) =>
        ApprovalLedger.Verify([Read(markdown)], ledger, key ?? _server);

    [Fact]
    public void An_untouched_export_verifies()
    {
        var (milestone, approval) = Approved(_server);

        Assert.Empty(Verify(MarkdownExporter.Export(milestone), [approval]));
    }

    [Fact]
    public void Ticks_progress_and_the_business_parts_do_not_touch_the_technical_approval()
    {
        var (milestone, approval) = Approved(_server);
        milestone.ImplementationPlan.Phases[0].Tasks[0].Done = !milestone.ImplementationPlan.Phases[0].Tasks[0].Done;
        milestone.Title = "Another title";

        Assert.Empty(Verify(MarkdownExporter.Export(milestone), [approval]));
    }

    [Fact]
    public void Text_changed_after_the_approval_fails_at_the_reviews_line()
    {
        var (milestone, approval) = Approved(_server);
        milestone.Design.Architecture += " Changed in git.";
        var file = MarkdownExporter.Export(milestone);

        var error = Assert.Single(Verify(file, [approval]));

        Assert.Equal(Read(file).Lines.TechnicalReview, error.Line);
        Assert.Equal("repo/M-007.md", error.Path);
        Assert.Contains("changed after the approval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_approved_typed_by_hand_fails()
    {
        var (milestone, approval) = Approved(_server);
        milestone.Review.BusinessReview = new Review { Reviewer = "Mallory", Date = new DateOnly(2026, 11, 30), Status = ReviewStatus.Approved };
        var file = MarkdownExporter.Export(milestone);

        var error = Assert.Single(Verify(file, [approval]));

        Assert.Equal(Read(file).Lines.BusinessReview, error.Line);
        Assert.Contains("has no approval of it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reviewer_or_date_typed_over_the_approval_fails()
    {
        var (milestone, approval) = Approved(_server);
        milestone.Review.TechnicalReview.Reviewer = "Someone Else";

        var error = Assert.Single(Verify(MarkdownExporter.Export(milestone), [approval]));

        Assert.Contains($"is by {approval.Reviewer}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signature_from_another_key_fails()
    {
        var (milestone, forged) = Approved(_other);

        var error = Assert.Single(Verify(MarkdownExporter.Export(milestone), [forged]));

        Assert.Contains("not valid under the public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_ledger_merged_from_several_pulls_vouches_with_any_valid_copy()
    {
        var (milestone, approval) = Approved(_server);
        var (_, forged) = Approved(_other);

        Assert.Empty(Verify(MarkdownExporter.Export(milestone), [forged, approval]));
    }

    [Fact]
    public void A_ledger_edited_to_match_an_edited_file_fails_on_its_signature()
    {
        var (milestone, approval) = Approved(_server);
        milestone.Design.Architecture += " Changed in git.";
        var edited = approval with { ReviewedHash = ReviewedContent.Hash(milestone, ReviewKind.Technical) };

        var error = Assert.Single(Verify(MarkdownExporter.Export(milestone), [edited]));

        Assert.Contains("not valid under the public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void What_is_written_reads_back_the_same_sorted_one_line_an_approval()
    {
        var (_, technical) = Approved(_server);
        var business = technical with { Kind = ReviewKind.Business, Reviewer = "Zoë \"Z\" Tab\there" };
        var earlier = technical with { MilestoneId = "M-001" };

        var text = ApprovalLedger.Write([business, technical, earlier]);
        var errors = new List<FileError>();
        var read = ApprovalLedger.Read("ledger", Encoding.UTF8.GetBytes(text), errors);

        Assert.Empty(errors);
        Assert.Equal([earlier, technical, business], read);
        Assert.Equal(3, text.Count(c => c == '\n'));
        Assert.Equal(text, ApprovalLedger.Write([earlier, business, technical]));
        Assert.StartsWith("{\"milestone\":\"M-001\",\"review\":\"technical\",", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"milestone\":\"M-1\",\"review\":\"legal\",\"reviewer\":\"a\",\"date\":\"2026-11-30\",\"status\":\"APPROVED\",\"reviewedSha256\":\"x\",\"signature\":\"y\"}")]
    [InlineData("{\"milestone\":\"M-1\",\"review\":\"technical\",\"reviewer\":\"a\",\"date\":\"30/11/2026\",\"status\":\"APPROVED\",\"reviewedSha256\":\"x\",\"signature\":\"y\"}")]
    [InlineData("{\"milestone\":\"M-1\",\"review\":\"technical\",\"reviewer\":\"a\",\"date\":\"2026-11-30\",\"status\":\"APPROVED\",\"reviewedSha256\":\"x\"}")]
    public void A_line_that_is_not_an_entry_is_an_error_at_its_line(string line)
    {
        var (_, approval) = Approved(_server);
        var errors = new List<FileError>();

        var read = ApprovalLedger.Read("approvals.jsonl", Encoding.UTF8.GetBytes(ApprovalLedger.Write([approval]) + "\n" + line + "\n"), errors);

        Assert.Equal([approval], read);
        var error = Assert.Single(errors);
        Assert.Equal(("approvals.jsonl", 3), (error.Path, error.Line));
    }

    [Fact]
    public void A_file_that_is_no_ledger_gets_a_few_errors_not_one_a_line()
    {
        var errors = new List<FileError>();

        var read = ApprovalLedger.Read("notes.jsonl", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("x\n", 100_000))), errors);

        Assert.Empty(read);
        Assert.Equal(21, errors.Count);
        Assert.Contains("is notes.jsonl an approvals ledger?", errors[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_source_of_an_approval_is_signed_with_it()
    {
        var (_, approval) = Approved(_server);

        Assert.Equal("accepted-from-file", approval.Source);
        Assert.False((approval with { Source = SignedApproval.FromApp }).IsSignedBy(_server));
    }

    [Fact]
    public void A_signature_that_is_not_base64_does_not_verify()
    {
        var (_, approval) = Approved(_server);

        Assert.True(approval.IsSignedBy(_server));
        Assert.False((approval with { Signature = "%%%" }).IsSignedBy(_server));
        Assert.False(approval.IsSignedBy(_other));
    }

    [Fact]
    public void A_public_key_is_read_from_pem_and_anything_else_is_not_one()
    {
        using var key = SignedApproval.ReadPublicKey(_server.ExportSubjectPublicKeyInfoPem());

        Assert.NotNull(key);
        Assert.Equal(SignedApproval.Fingerprint(_server), SignedApproval.Fingerprint(key));
        Assert.Null(SignedApproval.ReadPublicKey("-----BEGIN PUBLIC KEY-----\nbm9wZQ==\n-----END PUBLIC KEY-----"));
        Assert.Null(SignedApproval.ReadPublicKey("hello"));
    }
}
