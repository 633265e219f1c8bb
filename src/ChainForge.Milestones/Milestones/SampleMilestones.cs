namespace ChainForge.Milestones.Milestones;

/// <summary>
/// Realistic, filled-in milestones for demonstrations and load tests. The same seed gives
/// the same milestones, and every one survives export and import unchanged.
/// </summary>
public sealed class SampleMilestones(int seed)
{
    private static readonly string[] People =
    [
        "Dana Whitfield", "Priya Natarajan", "Tomás Ibarra", "Mei Lin", "Kwame Mensah", "Sofia Rossi",
        "Jonas Berg", "Aisha Rahman", "Lukas Novak", "Hana Sato", "Oliver Grant", "Fatima Zahra",
    ];

    private static readonly string[] Subjects =
    [
        "Block Propagation", "Mempool Indexing", "Peer Discovery", "Fee Estimation", "State Pruning",
        "Light Client Proofs", "Validator Rotation", "Snapshot Sync", "Transaction Relay", "Wallet Recovery",
        "Consensus Timeouts", "Signature Aggregation", "Chain Reorganisation", "RPC Rate Limiting",
        "Storage Compaction", "Gossip Scoring", "Checkpoint Verification", "Address Indexing",
    ];

    private static readonly string[] Kinds = ["Protocol", "Rewrite", "Hardening", "Service", "Redesign", "Upgrade", "Telemetry", "Tooling"];

    private static readonly string[] Verbs = ["Implement", "Measure", "Document", "Refactor", "Benchmark", "Validate", "Wire up", "Harden"];

    private static readonly string[] Things =
    [
        "the wire format", "per-peer timeouts", "the retry policy", "the storage layout", "metrics export",
        "the configuration schema", "the fallback path", "batch verification", "the cache eviction rule",
        "graceful shutdown", "the admin endpoint", "the upgrade path for old nodes",
    ];

    private static readonly string[] Sentences =
    [
        "Nodes on slow links fall behind the tip by several blocks during peak hours.",
        "The current design re-sends data that most peers already hold.",
        "Operators have asked for a way to see the problem before it becomes an outage.",
        "Measurements on the public testnet show the cost grows with the number of peers.",
        "The change keeps the wire format compatible with nodes that have not upgraded.",
        "Each step can be switched off by configuration if it misbehaves in production.",
        "A prototype cut the median latency by about half on a hundred-node network.",
        "The work touches the peer manager and the storage layer, but not consensus.",
        "We decided to ship the simplest version first and tune it with real traffic.",
        "Failures are logged with enough context to replay them in the simulator.",
    ];

    private static readonly string[] DependencyStatuses = ["DONE", "IN_PROGRESS", "AVAILABLE", "BLOCKED", "PLANNED"];

    private readonly Random _random = new(seed);

    /// <summary><paramref name="count"/> milestones numbered from <c>M-{firstNumber}</c> on.</summary>
    public IEnumerable<Milestone> Generate(int count, int firstNumber)
    {
        for (var i = 0; i < count; i++)
            yield return Create(firstNumber + i);
    }

    public static string IdFor(int number) => $"M-{number:D3}";

    private Milestone Create(int number)
    {
        var status = Pick(Enum.GetValues<MilestoneStatus>());
        var started = new DateOnly(2025, 1, 1).AddDays(_random.Next(0, 600));
        var done = status switch
        {
            MilestoneStatus.NotStarted => 0.0,
            MilestoneStatus.InProgress => 0.2 + _random.NextDouble() * 0.5,
            MilestoneStatus.Review => 0.8,
            _ => 1.0,
        };
        var subject = Pick(Subjects);
        var milestone = new Milestone
        {
            Id = IdFor(number),
            Title = $"{subject} {Pick(Kinds)}",
            Phase = _random.Next(1, 6),
            Priority = Pick(Enum.GetValues<Priority>()),
            StoryPoints = Pick([3, 5, 8, 13, 21, 34]),
            Weeks = _random.Next(1, 17) / 2m,
            Dependencies = number > 1 ? [.. Enumerable.Range(0, _random.Next(0, 3)).Select(_ => IdFor(_random.Next(1, number))).Distinct()] : [],
            AssignedTo = Pick(People),
            ProblemStatement = Paragraphs(2),
            SolutionOverview = Paragraphs(1),
            Status = status,
            Progress = (int)Math.Round(done * 100),
            LastUpdated = started.AddDays(_random.Next(0, 60)),
        };
        milestone.Requirements.Functional = Checklist(3, 5, done);
        milestone.Requirements.NonFunctional = new NonFunctionalRequirements
        {
            Performance = "95th percentile latency under 200 ms at 1,000 peers",
            Security = "Inputs from peers are bounded and validated before use",
            Scalability = $"Cost grows with active peers, not with the size of {subject.ToLowerInvariant()} data",
            Reliability = "No data is lost when a node restarts mid-operation",
        };
        milestone.Design.Architecture = Paragraphs(1);
        milestone.Design.Components =
        [
            new Component { Name = $"{subject.Replace(" ", "", StringComparison.Ordinal)}Service", Description = "Owns the state and the public operations" },
            new Component { Name = "Scheduler", Description = "Runs the periodic work off the network thread" },
        ];
        milestone.Design.DataModels = new CodeSample { Code = $"struct {subject.Replace(" ", "", StringComparison.Ordinal)}State {{\n    uint64_t height;\n    std::vector<Hash> pending;\n}};" };
        foreach (var phase in milestone.ImplementationPlan.Phases)
            phase.Tasks = Checklist(2, 4, done);
        milestone.AcceptanceCriteria.MustHave = Checklist(2, 3, done);
        milestone.AcceptanceCriteria.ShouldHave = Checklist(1, 2, done);
        milestone.AcceptanceCriteria.CouldHave = Checklist(0, 2, done / 2);
        milestone.Testing.UnitTests = Checklist(2, 4, done);
        milestone.Testing.IntegrationTests = Checklist(1, 3, done);
        milestone.Testing.PerformanceTests = Checklist(1, 2, done);
        milestone.Testing.SecurityTests = Checklist(1, 2, done);
        milestone.Risks.TechnicalRisks =
        [
            new Risk { Description = $"{subject} load exceeds the estimate", Probability = Pick(Enum.GetValues<RiskLevel>()), Impact = Pick(Enum.GetValues<RiskLevel>()), Mitigation = "Measure on the testnet before release" },
        ];
        milestone.Risks.BusinessRisks =
        [
            new Risk { Description = "Operators delay the upgrade", Probability = Pick(Enum.GetValues<RiskLevel>()), Impact = RiskLevel.Low, Mitigation = "Keep the old path for one release" },
        ];
        milestone.Metrics.TechnicalMetrics[0].Metric = "95th percentile latency";
        milestone.Metrics.TechnicalMetrics[0].Target = "< 200 ms";
        milestone.Metrics.TechnicalMetrics[2].Metric = "Line coverage of the module";
        milestone.Metrics.TechnicalMetrics[2].Target = $"{_random.Next(70, 96)}%";
        milestone.DependencyTracking.Internal = [.. milestone.Dependencies.Select(d => new DependencyItem { Name = $"{d} prerequisite", Status = Pick(DependencyStatuses), Satisfied = _random.NextDouble() < done })];
        milestone.DependencyTracking.External = [new DependencyItem { Name = "Reference implementation", Status = "AVAILABLE", Satisfied = true }];
        milestone.Documentation.Technical = Checklist(1, 3, done);
        milestone.Documentation.User = Checklist(0, 2, done);
        if (status is MilestoneStatus.Review or MilestoneStatus.Completed)
        {
            milestone.Review.TechnicalReview = new Review { Reviewer = Pick(People), Date = milestone.LastUpdated, Status = status == MilestoneStatus.Completed ? ReviewStatus.Approved : ReviewStatus.Pending, Comments = "Looks sound; watch the memory use." };
        }
        milestone.Checkpoints.StartDate = new Checkpoint { Date = started, Reached = status != MilestoneStatus.NotStarted };
        milestone.Checkpoints.DevelopmentComplete = new Checkpoint { Date = started.AddDays(30), Reached = done >= 0.8 };
        milestone.Checkpoints.Deployment = new Checkpoint { Date = started.AddDays(60), Reached = done >= 1.0 };
        milestone.Notes = _random.NextDouble() < 0.5 ? Paragraphs(1) : "";
        return milestone;
    }

    private List<ChecklistItem> Checklist(int min, int max, double done) =>
        [.. Enumerable.Range(0, _random.Next(min, max + 1)).Select(_ => ChecklistItem.Of($"{Pick(Verbs)} {Pick(Things)}", _random.NextDouble() < done))];

    private string Paragraphs(int count) =>
        string.Join("\n\n", Enumerable.Range(0, count).Select(_ => string.Join(" ", Sentences.OrderBy(_ => _random.Next()).Take(3))));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
