using System.Text.RegularExpressions;

namespace ChainForge.Milestones.Milestones.Markdown;

/// <summary>The fixed text of template 1.0: headings, placeholders, example blocks, footer.</summary>
public static partial class Template
{
    public const string Title = "Milestone Template";

    public const string Information = "Milestone Information";
    public const string ProblemStatement = "Problem Statement";
    public const string SolutionOverview = "Solution Overview";
    public const string DetailedRequirements = "Detailed Requirements";
    public const string FunctionalRequirements = "Functional Requirements";
    public const string NonFunctionalRequirements = "Non-Functional Requirements";
    public const string TechnicalDesign = "Technical Design";
    public const string Architecture = "Architecture";
    public const string Components = "Components";
    public const string DataModels = "Data Models";
    public const string Interfaces = "Interfaces";
    public const string ImplementationPlan = "Implementation Plan";
    public const string AcceptanceCriteria = "Acceptance Criteria";
    public const string MustHave = "Must Have";
    public const string ShouldHave = "Should Have";
    public const string CouldHave = "Could Have";
    public const string TestingStrategy = "Testing Strategy";
    public const string UnitTests = "Unit Tests";
    public const string IntegrationTests = "Integration Tests";
    public const string PerformanceTests = "Performance Tests";
    public const string SecurityTests = "Security Tests";
    public const string RiskAssessment = "Risk Assessment";
    public const string TechnicalRisks = "Technical Risks";
    public const string BusinessRisks = "Business Risks";
    public const string SuccessMetrics = "Success Metrics";
    public const string TechnicalMetrics = "Technical Metrics";
    public const string BusinessMetrics = "Business Metrics";
    public const string Dependencies = "Dependencies";
    public const string InternalDependencies = "Internal Dependencies";
    public const string ExternalDependencies = "External Dependencies";
    public const string DocumentationRequirements = "Documentation Requirements";
    public const string TechnicalDocumentation = "Technical Documentation";
    public const string UserDocumentation = "User Documentation";
    public const string ReviewAndApproval = "Review & Approval";
    public const string TechnicalReview = "Technical Review";
    public const string BusinessReview = "Business Review";
    public const string ProgressTracking = "Progress Tracking";
    public const string CurrentStatus = "Current Status";
    public const string Checkpoints = "Milestones";
    public const string NotesAndComments = "Notes & Comments";

    /// <summary>Every <c>##</c> section with its <c>###</c> sub-sections, in the template's order.</summary>
    public static readonly IReadOnlyList<(string Section, string[] SubSections)> Sections =
    [
        (Information, []),
        (ProblemStatement, []),
        (SolutionOverview, []),
        (DetailedRequirements, [FunctionalRequirements, NonFunctionalRequirements]),
        (TechnicalDesign, [Architecture, Components, DataModels, Interfaces]),
        (ImplementationPlan, []),
        (AcceptanceCriteria, [MustHave, ShouldHave, CouldHave]),
        (TestingStrategy, [UnitTests, IntegrationTests, PerformanceTests, SecurityTests]),
        (RiskAssessment, [TechnicalRisks, BusinessRisks]),
        (SuccessMetrics, [TechnicalMetrics, BusinessMetrics]),
        (Dependencies, [InternalDependencies, ExternalDependencies]),
        (DocumentationRequirements, [TechnicalDocumentation, UserDocumentation]),
        (ReviewAndApproval, [TechnicalReview, BusinessReview]),
        (ProgressTracking, [CurrentStatus, Checkpoints]),
        (NotesAndComments, []),
    ];

    public const string ProblemStatementPlaceholder = "[Clear description of the problem this milestone solves]";
    public const string SolutionOverviewPlaceholder = "[High-level description of the solution approach]";
    public const string ArchitecturePlaceholder = "[Description of how this milestone fits into the overall architecture]";
    public const string NotesPlaceholder = "[Additional notes, decisions, or comments about this milestone]";

    public const string IdPlaceholder = "[MILESTONE_ID]";
    public const string TitlePlaceholder = "[MILESTONE_TITLE]";
    public const string PhasePlaceholder = "[PHASE_NUMBER]";
    public const string LevelPlaceholder = "[HIGH/MEDIUM/LOW]";
    public const string NumberPlaceholder = "[X]";
    public const string DependenciesPlaceholder = "[LIST_DEPENDENCIES]";
    public const string AssignedToPlaceholder = "[TEAM_MEMBER]";
    public const string DescriptionPlaceholder = "[DESCRIPTION]";
    public const string MitigationPlaceholder = "[MITIGATION_STRATEGY]";
    public const string TargetPlaceholder = "[TARGET_VALUE]";
    public const string StatusPlaceholder = "[STATUS]";
    public const string ReviewerPlaceholder = "[REVIEWER_NAME]";
    public const string ReviewDatePlaceholder = "[REVIEW_DATE]";
    public const string ReviewStatusPlaceholder = "[APPROVED/PENDING/REJECTED]";
    public const string ReviewCommentsPlaceholder = "[REVIEW_COMMENTS]";
    public const string MilestoneStatusPlaceholder = "[NOT_STARTED/IN_PROGRESS/REVIEW/COMPLETED]";
    public const string DatePlaceholder = "[DATE]";

    public static readonly IReadOnlyDictionary<string, string> NonFunctionalPlaceholders = new Dictionary<string, string>
    {
        ["Performance"] = "[PERFORMANCE_REQUIREMENTS]",
        ["Security"] = "[SECURITY_REQUIREMENTS]",
        ["Scalability"] = "[SCALABILITY_REQUIREMENTS]",
        ["Reliability"] = "[RELIABILITY_REQUIREMENTS]",
    };

    /// <summary>Placeholder metric of each fixed key: <c>[METRIC_1]</c> to <c>[METRIC_5]</c>.</summary>
    public static string MetricPlaceholder(string fixedKey)
    {
        var index = Milestones.SuccessMetrics.TechnicalKeys.Concat(Milestones.SuccessMetrics.BusinessKeys).ToList().IndexOf(fixedKey);
        return $"[METRIC_{index + 1}]";
    }

    public const string DataModelsExample = """
        // Example data structures
        struct ExampleStruct {
            std::string field1;
            uint64_t field2;
            // ... other fields
        };
        """;

    public const string InterfacesExample = """
        // Example interface definitions
        class ExampleInterface {
        public:
            virtual ~ExampleInterface() = default;
            virtual Result<Output> process(const Input& input) = 0;
        };
        """;

    public const string RiskTableHeader = "| Risk | Probability | Impact | Mitigation |";
    public const string RiskTableSeparator = "|------|-------------|---------|------------|";

    public static readonly string[] FooterLines =
    [
        "**Template Version**: 1.0  ",
        "**Last Updated**: 2024  ",
        "**Maintained By**: ChainForge Team",
    ];

    /// <summary>A list's placeholder items: how many, and the token of the n-th.</summary>
    public sealed record ListPlaceholder(int Count, Func<int, string> Token, Regex Pattern);

    public static readonly ListPlaceholder FunctionalRequirementItems = Numbered("REQUIREMENT", 1, 3);
    public static readonly ListPlaceholder MustHaveItems = Numbered("CRITERION", 1, 3);
    public static readonly ListPlaceholder ShouldHaveItems = Numbered("CRITERION", 4, 2);
    public static readonly ListPlaceholder CouldHaveItems = Numbered("CRITERION", 6, 2);
    public static readonly ListPlaceholder UnitTestItems = Numbered("TEST_CATEGORY", 1, 3);
    public static readonly ListPlaceholder IntegrationTestItems = Numbered("INTEGRATION_TEST", 1, 2);
    public static readonly ListPlaceholder PerformanceTestItems = Numbered("PERFORMANCE_TEST", 1, 2);
    public static readonly ListPlaceholder SecurityTestItems = Numbered("SECURITY_TEST", 1, 2);
    public static readonly ListPlaceholder RiskItems = Numbered("RISK", 1, 2);
    public static readonly ListPlaceholder InternalDependencyItems = Numbered("DEPENDENCY", 1, 2);
    public static readonly ListPlaceholder ExternalDependencyItems = Numbered("EXTERNAL_DEPENDENCY", 1, 2);
    public static readonly ListPlaceholder TechnicalDocumentationItems = Fixed("API_DOCUMENTATION", "ARCHITECTURE_DIAGRAMS", "DEPLOYMENT_GUIDES");
    public static readonly ListPlaceholder UserDocumentationItems = Fixed("USER_GUIDES", "TUTORIALS", "EXAMPLES");

    /// <summary>Phase n (from 1) without tasks shows <c>[TASK_{3n-2}]</c> to <c>[TASK_{3n}]</c>.</summary>
    public static ListPlaceholder TaskItems(int phaseNumber) => new(3, n => $"[TASK_{(3 * phaseNumber) - 2 + n}]", TaskToken);

    // Every phase has the same token pattern: built once, as a Regex is costly to build.
    private static readonly Regex TaskToken = NumberedToken("TASK");

    /// <summary>A component with no name is written <c>Component n</c>, n its place in the list.</summary>
    public static string ComponentNamePlaceholder(int number) => $"Component {number}";

    public static bool IsComponentNamePlaceholder(string name) => ComponentName().IsMatch(name);

    public static bool IsMetricPlaceholder(string text) => MetricToken().IsMatch(text);


    private static ListPlaceholder Numbered(string token, int first, int count) =>
        new(count, n => $"[{token}_{first + n}]", NumberedToken(token));

    private static Regex NumberedToken(string token) => new($@"^\[{token}_\d+\]$", RegexOptions.CultureInvariant);

    private static ListPlaceholder Fixed(params string[] tokens) =>
        new(tokens.Length, n => $"[{tokens[n]}]", new Regex($@"^\[({string.Join('|', tokens)})\]$", RegexOptions.CultureInvariant));

    [GeneratedRegex(@"^Component \d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ComponentName();

    [GeneratedRegex(@"^\[METRIC_\d+\]$", RegexOptions.CultureInvariant)]
    private static partial Regex MetricToken();
}
