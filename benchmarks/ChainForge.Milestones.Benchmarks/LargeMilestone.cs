using System.Globalization;
using System.Text;
using ChainForge.Milestones.Milestones;

namespace ChainForge.Milestones.Benchmarks;

/// <summary>
/// A milestone far larger than a typical one, written like example-M-007.md: every list long,
/// every body several KB of paragraphs, lists, links and code. Built deterministically so that
/// every run measures the same text.
/// </summary>
public static class LargeMilestone
{
    private static readonly string[] Subjects =
    [
        "The relay", "Each peer", "The mempool matcher", "A compact block", "The validation pipeline",
        "The peer manager", "An announcement", "The transaction fetcher", "The fallback path", "A light client",
    ];

    private static readonly string[] Actions =
    [
        "announces new blocks with a header and 6-byte short transaction IDs",
        "rebuilds the block body from transactions it already holds",
        "requests only the transactions that are missing with `getblocktxn`",
        "falls back to full block relay after two failed reconstructions",
        "salts short IDs per connection so that collisions cannot be planned",
        "keeps a per-peer timeout and scores peers that stall a transfer",
        "hands reassembled blocks to validation without validating them itself",
        "prefills the coinbase and the transactions a peer is unlikely to have",
        "limits the number of blocks in flight from any single peer",
        "records propagation times so that the simulation can be compared with the testnet",
    ];

    private static readonly string[] Reasons =
    [
        "because orphan rates climb above 3% when blocks arrive every 10 seconds",
        "so that bandwidth grows with missing transactions rather than with block size",
        "as measured on the 1,000-node simulation described in [the propagation study](https://example.org/propagation-study)",
        "which keeps the worst case no slower than the full block relay it replaces",
        "since small nodes cannot afford the CPU cost of set reconciliation",
        "as the [BIP 152 specification](https://github.com/bitcoin/bips/blob/master/bip-0152.mediawiki) recommends",
        "so that a peer that disconnects mid-transfer never loses a block",
        "which the operators asked for in the last two release surveys",
    ];

    private static readonly string[] PhaseNames =
        ["Foundation", "Wire Format", "Core Implementation", "Peer Scoring", "Fallback Paths", "Simulation", "Testnet Soak", "Rollout"];

    public static Milestone Build()
    {
        var m = new Milestone
        {
            Id = "M-042",
            Title = "Block Propagation Protocol, Second Generation",
            Phase = 3,
            Priority = Priority.High,
            StoryPoints = 89,
            Weeks = 12.5m,
            Dependencies = ["M-003", "M-005", "M-011", "M-017", "M-023", "Testnet operators' sign-off"],
            AssignedTo = "Dana Whitfield",
            ProblemStatement = Body("propagation", 0, 6),
            SolutionOverview = Body("compact relay", 3, 6),
            Status = MilestoneStatus.InProgress,
            Progress = 45,
            LastUpdated = new DateOnly(2026, 11, 20),
            Notes = Body("decisions", 5, 5),
        };

        m.Requirements.Functional = Checklist(40, "Requirement");
        m.Requirements.NonFunctional = new NonFunctionalRequirements
        {
            Performance = "95th percentile propagation under 2 s across 1,000 nodes at 10 s block intervals",
            Security = "Short IDs salted per connection to resist collision attacks; oversized announcements rejected",
            Scalability = "Bandwidth per block grows with missing transactions, not with block size",
            Reliability = "No block is lost when a peer disconnects mid-transfer; fallback after two failed rebuilds",
        };

        m.Design.Architecture = Body("architecture", 7, 6);
        m.Design.Components =
        [
            .. Enumerable.Range(1, 8).Select(n => new Component
            {
                Name = $"{Subjects[n % Subjects.Length].Replace("The ", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal)}{n}",
                Description = Sentence(n),
            }),
        ];
        m.Design.DataModels = new CodeSample { Language = "cpp", Code = DataModelsCode() };
        m.Design.Interfaces = new CodeSample { Language = "cpp", Code = InterfacesCode() };

        m.ImplementationPlan.Phases =
        [
            .. PhaseNames.Select((name, p) => new ImplementationPhase { Name = name, Tasks = Checklist(15, $"Phase {p + 1} task", offset: p * 15) }),
        ];

        m.AcceptanceCriteria.MustHave = Checklist(12, "Must");
        m.AcceptanceCriteria.ShouldHave = Checklist(10, "Should", offset: 12);
        m.AcceptanceCriteria.CouldHave = Checklist(8, "Could", offset: 22);

        m.Testing.UnitTests = Checklist(15, "Unit test");
        m.Testing.IntegrationTests = Checklist(10, "Integration test", offset: 15);
        m.Testing.PerformanceTests = Checklist(7, "Performance test", offset: 25);
        m.Testing.SecurityTests = Checklist(8, "Security test", offset: 32);

        m.Risks.TechnicalRisks = Risks(20, 0);
        m.Risks.BusinessRisks = Risks(20, 20);

        m.Metrics.TechnicalMetrics =
        [
            new SuccessMetric { Key = "Performance", Metric = "95th percentile block propagation", Target = "< 2 s" },
            new SuccessMetric { Key = "Reliability", Metric = "Orphan rate at 10 s blocks", Target = "< 0.5%" },
            new SuccessMetric { Key = "Code Quality", Metric = "Line coverage of the relay module", Target = "90%" },
            .. ExtraMetrics(5, 0),
        ];
        m.Metrics.BusinessMetrics =
        [
            new SuccessMetric { Key = "User Adoption", Metric = "Nodes announcing compact block support", Target = "60% in 3 months" },
            new SuccessMetric { Key = "Feature Usage", Metric = "Blocks relayed compactly", Target = "95%" },
            .. ExtraMetrics(5, 5),
        ];

        m.DependencyTracking.Internal =
        [
            .. Enumerable.Range(1, 12).Select(n => new DependencyItem
            {
                Name = $"M-{n + 2:000} {Subjects[n % Subjects.Length].Replace("The ", "", StringComparison.Ordinal)} rewrite",
                Status = n % 3 == 0 ? "IN_PROGRESS" : "DONE",
                Satisfied = n % 3 != 0,
            }),
        ];
        m.DependencyTracking.External =
        [
            .. Enumerable.Range(1, 8).Select(n => new DependencyItem
            {
                Name = $"External library {n}: SipHash-{n} reference implementation",
                Status = n % 2 == 0 ? "AVAILABLE" : "AWAITING RELEASE",
                Satisfied = n % 2 == 0,
            }),
        ];

        m.Documentation.Technical = Checklist(6, "Technical document");
        m.Documentation.User = Checklist(4, "User guide", offset: 6);

        m.Review.TechnicalReview = new Review
        {
            Reviewer = "Priya Natarajan",
            Date = new DateOnly(2026, 11, 18),
            Status = ReviewStatus.Approved,
            Comments = "Wire format is sound; add the fuzz target before phase 3 and document the fallback timers.",
        };
        m.Review.BusinessReview = new Review { Reviewer = "Tomas Ekberg", Status = ReviewStatus.Pending };

        m.Checkpoints.StartDate = new Checkpoint { Date = new DateOnly(2026, 10, 26), Reached = true };
        m.Checkpoints.DevelopmentComplete = new Checkpoint { Date = new DateOnly(2026, 12, 4) };
        m.Checkpoints.TestingComplete = new Checkpoint { Date = new DateOnly(2026, 12, 18) };

        m.ExtraSections =
        [
            new ExtraSection { Heading = "Rollout Plan", Body = Body("rollout", 2, 5) },
            new ExtraSection { Heading = "Open Questions", Body = Body("open questions", 4, 4) },
        ];
        return m;
    }

    private static string Sentence(int n) =>
        $"{Subjects[n % Subjects.Length]} {Actions[(n * 3) % Actions.Length]}, {Reasons[(n * 5) % Reasons.Length]}.";

    private static List<ChecklistItem> Checklist(int count, string label, int offset = 0) =>
    [
        .. Enumerable.Range(offset, count).Select(n => ChecklistItem.Of(
            $"{label} {n - offset + 1}: {Subjects[n % Subjects.Length].ToLowerInvariant()} {Actions[(n * 7) % Actions.Length]}",
            done: n % 3 == 0)),
    ];

    private static List<Risk> Risks(int count, int offset) =>
    [
        .. Enumerable.Range(offset, count).Select(n => new Risk
        {
            Description = $"{Subjects[n % Subjects.Length]} fails when it {Actions[(n * 3) % Actions.Length]}",
            Probability = (RiskLevel)(n % 3),
            Impact = (RiskLevel)((n + 1) % 3),
            // Some cells hold a pipe, which the table escapes.
            Mitigation = n % 7 == 0 ? $"Guard with `a | b` checks; {Reasons[n % Reasons.Length]}" : $"Fall back to full block relay, {Reasons[n % Reasons.Length]}",
        }),
    ];

    private static IEnumerable<SuccessMetric> ExtraMetrics(int count, int offset) =>
        Enumerable.Range(offset, count).Select(n => new SuccessMetric
        {
            Key = $"Extra Metric {n + 1}",
            Metric = $"Share of blocks where {Subjects[n % Subjects.Length].ToLowerInvariant()} {Actions[n % Actions.Length]}",
            Target = $"{90 + (n % 10)}%",
        });

    /// <summary>Paragraphs, a bullet list with links, a small code block and a numbered list:
    /// what people write under Problem Statement or Architecture.</summary>
    private static string Body(string topic, int seed, int paragraphs)
    {
        var text = new StringBuilder();
        for (var p = 0; p < paragraphs; p++)
        {
            if (p > 0)
                text.Append("\n\n");
            // Hard-wrapped at about 90 columns, as hand-written markdown is.
            var sentences = Enumerable.Range(seed + (p * 4), 4).Select(Sentence);
            text.Append(Wrap($"On {topic}, part {p + 1}: " + string.Join(' ', sentences)));

            if (p == 1)
            {
                text.Append("\n\n");
                for (var i = 0; i < 6; i++)
                    text.Append(CultureInfo.InvariantCulture, $"- **Point {i + 1}**: {Sentence(seed + i)} See [note {i + 1}](https://example.org/notes/{topic.Replace(' ', '-')}/{i + 1}).\n");
                text.Length--;
            }
            if (p == 2)
            {
                text.Append("\n\n```text\n");
                for (var i = 0; i < 8; i++)
                    text.Append(CultureInfo.InvariantCulture, $"peer-{i:00}  announce={(i * 37) % 100,3} ms  rebuild={(i * 53) % 100,3} ms  missing={i * 2} txns\n");
                text.Append("```");
            }
            if (p == 3)
            {
                text.Append("\n\n");
                for (var i = 0; i < 5; i++)
                    text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {Subjects[(seed + i) % Subjects.Length]} {Actions[(seed + i) % Actions.Length]}.\n");
                text.Length--;
            }
        }
        return text.ToString();
    }

    private static string Wrap(string paragraph)
    {
        var text = new StringBuilder();
        var column = 0;
        foreach (var word in paragraph.Split(' '))
        {
            if (column > 0 && column + 1 + word.Length > 90)
            {
                text.Append('\n');
                column = 0;
            }
            else if (column > 0)
            {
                text.Append(' ');
                column++;
            }
            text.Append(word);
            column += word.Length;
        }
        return text.ToString();
    }

    private static string DataModelsCode()
    {
        var code = new StringBuilder("// Wire structures of compact block relay, version 2\n#include <cstdint>\n#include <vector>\n\n");
        string[] structs = ["CompactBlock", "PrefilledTxn", "BlockTxnRequest", "BlockTxnResponse", "PeerRelayState", "RelayStats"];
        foreach (var name in structs)
        {
            code.Append(CultureInfo.InvariantCulture, $"struct {name} {{\n");
            for (var f = 0; f < 6; f++)
                code.Append(CultureInfo.InvariantCulture, $"    uint64_t {char.ToLowerInvariant(name[0])}{name[1..]}Field{f}; // {Actions[f % Actions.Length][..30]}\n");
            code.Append("};\n\n");
        }
        return code.ToString().TrimEnd('\n');
    }

    private static string InterfacesCode()
    {
        var code = new StringBuilder("// Interfaces between the relay and the rest of the node\n#include \"result.h\"\n\n");
        string[] classes = ["BlockRelay", "MempoolMatcher", "TxnFetcher", "PeerScorer", "RelayMetrics"];
        foreach (var name in classes)
        {
            code.Append(CultureInfo.InvariantCulture, $"class {name} {{\npublic:\n    virtual ~{name}() = default;\n");
            for (var f = 0; f < 6; f++)
                code.Append(CultureInfo.InvariantCulture, $"    virtual Result<Output{f}> step{f}(const Input{f}& input) = 0;\n");
            code.Append("};\n\n");
        }
        return code.ToString().TrimEnd('\n');
    }
}
