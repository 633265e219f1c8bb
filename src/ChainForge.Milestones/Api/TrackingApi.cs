using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.History;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Milestones.Tracking;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Api;

public sealed record RevisionSummary(int Number, RevisionKind Kind, string Author, DateTimeOffset SavedAt);

public sealed record DiffLine(string Change, int? OldNumber, int? NewNumber, string Text);

public sealed record RevisionDiffResult(int From, int To, IReadOnlyList<DiffLine> Lines);

/// <summary>A review decision sent to the API: the status, and the comments (a rejection needs them).</summary>
public sealed record DecisionRequest(ReviewStatus Status, string? Comments);

public sealed record RiskCell(RiskLevel Probability, RiskLevel Impact, int Risks);

public sealed record BlockedResult(string Id, string Title, MilestoneStatus? Status, IReadOnlyList<string> BlockedBy);

public sealed record PortfolioResult(int Count, IReadOnlyList<StatusEffort> ByStatus, IReadOnlyList<PriorityCount> ByPriority, IReadOnlyList<PhaseSummary> Phases,
    IReadOnlyList<RiskCell> Risks, int OverdueCount, IReadOnlyList<OverdueCheckpoint> Overdue, int BlockedCount, IReadOnlyList<BlockedResult> Blocked);

public sealed record GraphNode(string Id, string Title, MilestoneStatus? Status, IReadOnlyList<string> Dependencies);

public sealed record GraphResult(IReadOnlyList<GraphNode> Milestones, IReadOnlyList<DependencyLink> Links, IReadOnlyList<IReadOnlyList<string>> Cycles, IReadOnlyList<BlockedResult> Blocked);

/// <summary>
/// The API beyond a milestone's content: its revisions and their diffs, review decisions (as the
/// token's reviewer), archiving, and the portfolio's figures and the dependency graph as JSON.
/// </summary>
public static class TrackingApi
{
    public const string ReviewPolicy = "api-review";

    public static void Map(RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/milestones/{id}/revisions", RevisionsAsync).WithName("ListRevisions").WithSummary("A milestone's revisions, newest first.");
        api.MapGet("/milestones/{id}/revisions/{number:int}", RevisionAsync).WithName("ReadRevision").WithSummary("One revision's file, as it was stored.");
        api.MapGet("/milestones/{id}/diff", DiffAsync).WithName("DiffRevisions").WithSummary("The lines that differ between two revisions (from, to), with the rest as unchanged.");
        api.MapPost("/milestones/{id}/reviews/{kind}", DecideAsync).WithName("RecordDecision").RequireAuthorization(ReviewPolicy)
            .WithSummary("Records the token's reviewer's decision (JSON: status, comments) on the Technical or Business review; If-Match is the milestone's ETag, as for a replace.");
        api.MapDelete("/milestones/{id}", ArchiveAsync).WithName("ArchiveMilestone").RequireAuthorization(MilestonesApi.WritePolicy)
            .WithSummary("Archives a milestone (administrators bring it back); If-Match is its ETag.");
        api.MapGet("/portfolio", PortfolioAsync).WithName("Portfolio").WithSummary("The portfolio page's figures.");
        api.MapGet("/dependencies", GraphAsync).WithName("DependencyGraph").WithSummary("Every milestone's dependencies on others, the cycles and the blocked milestones.");
        api.MapGet("/approvals", LedgerAsync).WithName("ApprovalsLedger")
            .WithSummary($"The approvals ledger ({ApprovalLedger.FileName}): every current approval with the server's signature, one JSON object a line.");
        // Public: a repository's CI keeps a copy to verify ledgers with, and needs no token for it.
        api.MapGet("/approvals/public-key", PublicKeyAsync).WithName("ApprovalsPublicKey").AllowAnonymous()
            .WithSummary("The public key (PEM, ECDSA P-256) that verifies the server's signatures of approvals.");
    }

    private static async Task<IResult> LedgerAsync(MilestonesDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Text(ApprovalLedger.Write(await ApprovalLedger.CurrentAsync(db, cancellationToken)), "application/jsonl; charset=utf-8");

    private static async Task<IResult> PublicKeyAsync(MilestonesDbContext db, ApprovalSigner signer, CancellationToken cancellationToken) =>
        TypedResults.Text(await signer.PublicKeyPemAsync(db, cancellationToken) + "\n", "application/x-pem-file");

    private static async Task<IResult> RevisionsAsync(string id, MilestonesDbContext db, CancellationToken cancellationToken) =>
        !await db.Milestones.AnyAsync(m => m.Id == id, cancellationToken)
            ? MilestonesApi.NotFound(id)
            : TypedResults.Ok(await db.Revisions.AsNoTracking().Where(r => r.MilestoneId == id).OrderByDescending(r => r.Number)
                .Select(r => new RevisionSummary(r.Number, r.Kind, r.Author, r.SavedAt)).ToListAsync(cancellationToken));

    private static async Task<IResult> RevisionAsync(string id, int number, MilestonesDbContext db, CancellationToken cancellationToken) =>
        await db.Revisions.AsNoTracking().Where(r => r.MilestoneId == id && r.Number == number && db.Milestones.Any(m => m.Id == id))
            .Select(r => r.Markdown).FirstOrDefaultAsync(cancellationToken) is { } markdown
            ? TypedResults.Text(markdown, "text/markdown; charset=utf-8")
            : MilestonesApi.Problem(StatusCodes.Status404NotFound, "No such revision", $"{id} has no revision {number} (or is not in the lists).");

    private static async Task<IResult> DiffAsync(string id, int from, int to, MilestonesDbContext db, CancellationToken cancellationToken)
    {
        var sides = await db.Revisions.AsNoTracking().Where(r => r.MilestoneId == id && (r.Number == from || r.Number == to) && db.Milestones.Any(m => m.Id == id))
            .Select(r => new { r.Number, r.Markdown }).ToListAsync(cancellationToken);
        if (sides.Find(s => s.Number == from) is not { } older || sides.Find(s => s.Number == to) is not { } newer)
            return MilestonesApi.Problem(StatusCodes.Status404NotFound, "No such revisions", $"{id} has no revisions {from} and {to}: see its list of revisions.");
        var diff = new RevisionDiff(older.Markdown, newer.Markdown);
        return TypedResults.Ok(new RevisionDiffResult(from, to,
            [.. diff.Unified.Select(l => new DiffLine(l.Change.ToString().ToLowerInvariant(), l.OldNumber, l.NewNumber, l.Text))]));
    }

    // The body is read here, after the token is checked (a bound body would let routing refuse first).
    private static async Task<IResult> DecideAsync(string id, ReviewKind kind, HttpContext context, MilestoneChanges changes, CancellationToken cancellationToken)
    {
        if (!MilestonesApi.TryIfMatch(context.Request, out var startedFrom))
            return MilestonesApi.IfMatchRequired();
        DecisionRequest? decision;
        try
        {
            decision = await context.Request.ReadFromJsonAsync<DecisionRequest>(cancellationToken);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            decision = null;
        }
        if (decision is null)
            return MilestonesApi.Problem(StatusCodes.Status400BadRequest, "No decision", """Send JSON: {"status": "Approved" | "Rejected" | "Pending", "comments": "…"} (a rejection needs comments).""");
        var result = await changes.DecideAsync(Actor.Of(context.User), id, kind, decision.Status, decision.Comments ?? "", startedFrom, cancellationToken);
        return result.Outcome switch
        {
            ChangeOutcome.Done => await MilestonesApi.SavedAsync(context, id, StatusCodes.Status200OK),
            ChangeOutcome.Stale => await MilestonesApi.StaleAsync(context, id),
            _ => MilestonesApi.Outcome(result, id),
        };
    }

    private static async Task<IResult> ArchiveAsync(string id, HttpContext context, MilestoneChanges changes, CancellationToken cancellationToken)
    {
        if (!MilestonesApi.TryIfMatch(context.Request, out var startedFrom))
            return MilestonesApi.IfMatchRequired();
        var result = await changes.ArchiveAsync(Actor.Of(context.User), id, startedFrom, cancellationToken);
        return result.Outcome switch
        {
            ChangeOutcome.Done => TypedResults.NoContent(),
            ChangeOutcome.Stale => await MilestonesApi.StaleAsync(context, id),
            _ => MilestonesApi.Outcome(result, id),
        };
    }

    private static async Task<Ok<PortfolioResult>> PortfolioAsync(MilestonesDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var graph = await TrackingQueries.WholeGraphAsync(db, cancellationToken);
        var p = await PortfolioQueries.ReadAsync(db, TrackingQueries.Today(clock), graph, cancellationToken);
        return TypedResults.Ok(new PortfolioResult(p.Count, p.ByStatus, p.ByPriority, p.Phases,
            [.. p.RiskCells.Select(c => new RiskCell(c.Key.Probability, c.Key.Impact, c.Value))],
            p.OverdueCount, p.Overdue, p.BlockedCount, [.. p.Blocked.Select(Blocked)]));
    }

    private static async Task<Ok<GraphResult>> GraphAsync(MilestonesDbContext db, CancellationToken cancellationToken)
    {
        var whole = await TrackingQueries.WholeGraphAsync(db, cancellationToken);
        var graph = whole.Graph;
        return TypedResults.Ok(new GraphResult(
            [.. graph.Nodes.Select(n => new GraphNode(n.Id, n.Title, n.Status, [.. graph.PrerequisitesOf(n.Id).Select(p => p.Id)]))],
            graph.Links, graph.Cycles, [.. whole.Blocked.Select(Blocked)]));
    }

    private static BlockedResult Blocked(BlockedMilestone b) => new(b.Milestone.Id, b.Milestone.Title, b.Milestone.Status, b.BlockedBy);
}
