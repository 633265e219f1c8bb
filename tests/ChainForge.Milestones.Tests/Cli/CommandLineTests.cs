using System.Diagnostics;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Cli;

/// <summary>Each verb of the command line, run as a user would, on its own database file.</summary>
public sealed class CommandLineTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-cli-").FullName;
    private readonly TestStore _store = new();

    // The verbs find the store as an operator configures it: appsettings.json in the app's folder.
    public CommandLineTests() => _store.WriteAppSettings(_folder);

    private Task<(int Exit, string Output, string Error)> Run(params string[] args) => RunWithInput("", args);

    private async Task<(int Exit, string Output, string Error)> RunWithInput(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CommandLine.RunAsync(args, new StringReader(input), output, error, baseDirectory: _folder, userDirectory: _folder);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Template_prints_the_blank_template()
    {
        var (exit, output, _) = await Run("template");

        Assert.Equal(0, exit);
        Assert.Equal(Fixture.Template, output);
    }

    [Fact]
    public async Task Import_then_export_writes_back_every_canonical_file_byte_for_byte()
    {
        var (imported, importOutput, _) = await Run("import", Fixture.PathOf("canonical"), "--accept-recorded-reviews");
        var (exported, _, _) = await Run("export", "out");

        Assert.Equal(0, imported);
        Assert.Contains("created M-007 from", importOutput, StringComparison.Ordinal);
        Assert.Equal(0, exported);
        foreach (var file in Directory.EnumerateFiles(Fixture.PathOf("canonical")))
        {
            var id = File.ReadLines(file).First(l => l.StartsWith("- **ID**: ", StringComparison.Ordinal))["- **ID**: ".Length..];
            Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(_folder, "out", $"{id}.md")));
        }
        Assert.Equal(Directory.EnumerateFiles(Fixture.PathOf("canonical")).Count(), Directory.EnumerateFiles(Path.Combine(_folder, "out"), "*.md").Count());
    }

    [Fact]
    public async Task Setup_code_prints_the_same_code_until_an_account_exists()
    {
        var (exit, first, _) = await Run("setup-code");
        var (_, second, _) = await Run("setup-code");

        Assert.Equal(0, exit);
        Assert.Matches(@"^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}\n$", first);
        Assert.Equal(first, second);

        await RunWithInput(MilestonesAppFactory.Password + "\n", "user", "create", "root", "--role", "Admin");
        var (after, _, error) = await Run("setup-code");
        Assert.Equal(1, after);
        Assert.Contains("accounts exist already", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_the_same_file_again_leaves_the_milestone_as_it_is()
    {
        await Run("import", Fixture.PathOf("canonical/example-M-007.md"), "--accept-recorded-reviews");

        var (exit, output, _) = await Run("import", Fixture.PathOf("canonical/example-M-007.md"));

        Assert.Equal(0, exit);
        Assert.StartsWith("unchanged M-007 from", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_a_changed_file_replaces_the_milestone()
    {
        await Run("import", Fixture.PathOf("canonical/example-M-007.md"), "--accept-recorded-reviews");
        var changed = Path.Combine(_folder, "M-007.md");
        await File.WriteAllTextAsync(changed, Fixture.Example.Replace("Block Propagation Protocol", "Compact blocks", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var (exit, output, _) = await Run("import", changed);

        Assert.Equal(0, exit);
        Assert.StartsWith("replaced M-007 from", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Importing_a_file_that_claims_an_unrecorded_approval_is_refused_with_its_line()
    {
        var (exit, _, error) = await Run("import", Fixture.PathOf("canonical/example-M-007.md"));

        Assert.Equal(1, exit);
        Assert.Contains("example-M-007.md:187: the technical review says APPROVED by Priya Natarajan, which this app has not recorded", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_with_an_ID_writes_only_that_milestone()
    {
        await Run("import", Fixture.PathOf("canonical"), "--accept-recorded-reviews");

        var (exit, _, _) = await Run("export", "one", "--id", "M-010");

        Assert.Equal(0, exit);
        Assert.Equal(["M-010.md", ApprovalLedger.FileName], Directory.EnumerateFiles(Path.Combine(_folder, "one")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // ---- Approvals that git can verify: export writes the ledger, check verifies it with the public key alone ----

    /// <summary>The canonical files exported with their ledger (M-007 carries Priya's technical approval), and the server's public key beside them.</summary>
    private async Task<string> ExportWithLedgerAsync()
    {
        Assert.Equal(0, (await Run("import", Fixture.PathOf("canonical"), "--accept-recorded-reviews")).Exit);
        Assert.Equal(0, (await Run("export", "repo")).Exit);
        Assert.Equal(0, (await RunWithInput("Correct-Horse-Battery-9\n", "user", "create", "ops", "--role", "Admin")).Exit);
        var (exit, key, _) = await Run("approvals", "public-key");
        Assert.Equal(0, exit);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_folder, "server.pem"), key, TestContext.Current.CancellationToken);
        return Path.Combine(_folder, "repo");
    }

    private Task<(int Exit, string Output, string Error)> CheckApprovalsAsync(string ledger = $"repo/{ApprovalLedger.FileName}", string key = "server.pem") =>
        Run("check", "repo", "--approvals", ledger, "--public-key", key);

    private static void Replace(string file, string text, string with) =>
        File.WriteAllText(file, File.ReadAllText(file).Replace(text, with, StringComparison.Ordinal));

    [Fact]
    public async Task Check_verifies_the_approvals_of_an_untouched_export_with_the_public_key_and_no_database()
    {
        var repo = await ExportWithLedgerAsync();
        var ledger = await File.ReadAllLinesAsync(Path.Combine(repo, ApprovalLedger.FileName), TestContext.Current.CancellationToken);

        var (exit, output, error) = await CheckApprovalsAsync();

        Assert.True(exit == 0, error);
        Assert.Contains("their approvals verified under key", output, StringComparison.Ordinal);
        Assert.Contains(ledger, l => l.Contains("\"milestone\":\"M-007\",\"review\":\"technical\",\"reviewer\":\"Priya Natarajan\"", StringComparison.Ordinal));
        // The ledger found in the folder serves as well.
        Assert.Equal(0, (await Run("check", "repo", "--public-key", "server.pem")).Exit);
    }

    [Fact]
    public async Task Check_fails_at_the_reviews_line_when_text_changed_after_the_approval()
    {
        var repo = await ExportWithLedgerAsync();
        Replace(Path.Combine(repo, "M-007.md"), "std::vector<PrefilledTxn> prefilled;", "std::vector<PrefilledTxn> prefilled; // changed in git");
        var file = Path.Combine(repo, "M-007.md");
        var reviewLine = File.ReadAllLines(file).ToList().FindIndex(l => l.StartsWith("### Technical Review", StringComparison.Ordinal)) + 1;

        var (exit, _, error) = await CheckApprovalsAsync();

        Assert.Equal(1, exit);
        Assert.Matches($@"repo/M-007\.md:{reviewLine + 4}: the parts the technical review covers are not what Priya Natarajan approved", error);
    }

    [Fact]
    public async Task Check_fails_on_an_approved_typed_by_hand_and_on_a_key_of_another_server()
    {
        var repo = await ExportWithLedgerAsync();
        using (var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
            await File.WriteAllTextAsync(Path.Combine(_folder, "other.pem"), other.ExportSubjectPublicKeyInfoPem(), TestContext.Current.CancellationToken);
        var typed = Directory.EnumerateFiles(repo, "*.md").First(f => !f.EndsWith("M-007.md", StringComparison.Ordinal) && File.ReadAllText(f).Contains("- **Status**: PENDING", StringComparison.Ordinal));
        var text = File.ReadAllText(typed);
        var at = text.IndexOf("- **Status**: PENDING", StringComparison.Ordinal);
        File.WriteAllText(typed, text[..at] + "- **Status**: APPROVED" + text[(at + "- **Status**: PENDING".Length)..]);

        var (exit, _, error) = await CheckApprovalsAsync();
        var (otherExit, _, otherError) = await CheckApprovalsAsync(key: "other.pem");

        Assert.Equal(1, exit);
        Assert.Contains($"{Path.GetFileName(typed)}:", error, StringComparison.Ordinal);
        Assert.Contains("the approvals ledger has no approval of it", error, StringComparison.Ordinal);
        Assert.Equal(1, otherExit);
        Assert.Contains("M-007.md:", otherError, StringComparison.Ordinal);
        Assert.Contains("not valid under the public key", otherError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approvals_public_key_refuses_a_database_nobody_uses_whose_key_signed_nothing()
    {
        var (exit, output, error) = await Run("approvals", "public-key");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("it is not the server's", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_says_what_is_wrong_with_its_options_key_and_ledger()
    {
        await ExportWithLedgerAsync();
        await File.WriteAllTextAsync(Path.Combine(_folder, "junk.pem"), "not a key", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_folder, "bad.jsonl"), "{}\n", TestContext.Current.CancellationToken);

        Assert.Contains("--approvals needs --public-key", (await Run("check", "repo", "--approvals", "x")).Error, StringComparison.Ordinal);
        Assert.Contains("junk.pem: not a public key in PEM form", (await CheckApprovalsAsync(key: "junk.pem")).Error, StringComparison.Ordinal);
        Assert.Contains("missing.pem: no such file", (await CheckApprovalsAsync(key: "missing.pem")).Error, StringComparison.Ordinal);
        var (exit, _, error) = await CheckApprovalsAsync(ledger: "bad.jsonl");
        Assert.Equal(1, exit);
        Assert.Contains($"bad.jsonl/{ApprovalLedger.FileName}:1: not a ledger entry", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_import_of_a_file_whose_approval_the_ledger_signs_restores_it_without_accepting_the_files_reviews()
    {
        var repo = await ExportWithLedgerAsync();
        // The approval goes stale on the server: what it covers changes there.
        var changed = File.ReadAllText(Path.Combine(repo, "M-007.md")).Replace("std::vector<PrefilledTxn> prefilled;", "std::vector<PrefilledTxn> prefilled; // v2", StringComparison.Ordinal);
        Directory.CreateDirectory(Path.Combine(_folder, "edit"));
        File.WriteAllText(Path.Combine(_folder, "edit", "M-007.md"), changed);
        Assert.Equal(0, (await Run("import", "edit")).Exit);

        // The repository's file, approved and signed, brings the approval back.
        var (exit, output, error) = await Run("import", "repo");

        Assert.True(exit == 0, error);
        Assert.Contains("replaced M-007", output, StringComparison.Ordinal);
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
        var latest = (await ReviewHistory.LatestAsync(db, "M-007", TestContext.Current.CancellationToken))[ReviewKind.Technical];
        Assert.Equal((ReviewStatus.Approved, ReviewSource.FromLedger, "Priya Natarajan"), (latest.Status, latest.Source, latest.Reviewer));
    }

    [Fact]
    public async Task Export_of_an_unknown_ID_says_so_and_fails()
    {
        var (exit, _, error) = await Run("export", "none", "--id", "M-404");

        Assert.Equal(1, exit);
        Assert.Contains("no milestone with ID M-404", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_with_a_bad_file_prints_path_line_and_message_and_stores_nothing()
    {
        var (exit, _, error) = await Run("import", Fixture.PathOf("canonical/example-M-007.md"), Fixture.PathOf("errors/priority-urgent.md"));
        var (_, _, _) = await Run("export", "after");

        Assert.Equal(1, exit);
        Assert.Contains($"{Fixture.PathOf("errors/priority-urgent.md")}:8: Priority: expected HIGH, MEDIUM or LOW, found `URGENT`", error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_folder, "after"), "*.md"));
        Assert.Equal("", await File.ReadAllTextAsync(Path.Combine(_folder, "after", ApprovalLedger.FileName), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Check_accepts_good_files_and_creates_no_database()
    {
        var file = Path.Combine(_folder, "never.db");
        var (exit, output, _) = await Run("check", Fixture.PathOf("canonical"), "--db", file);

        Assert.Equal(0, exit);
        Assert.Contains("milestone file(s) OK", output, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Check_lists_every_problem_as_path_line_message_and_fails()
    {
        var (exit, _, error) = await Run("check", Fixture.PathOf("errors"));

        Assert.Equal(1, exit);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= Directory.EnumerateFiles(Fixture.PathOf("errors")).Count());
        Assert.All(lines, l => Assert.Matches(@"^.+\.md:\d+: .+$", l));
    }

    [Fact]
    public async Task A_path_that_does_not_exist_is_named_in_the_error()
    {
        var (exit, _, error) = await Run("check", "missing.md");

        Assert.Equal(1, exit);
        Assert.Contains("missing.md: no such file or folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_executable_runs_a_verb_instead_of_starting_the_web_app()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "ChainForge.Milestones.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", app, "template"]) { RedirectStandardOutput = true, WorkingDirectory = _folder };
        using var process = Process.Start(start)!;

        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(Fixture.Template, output);
    }

    [Fact]
    public async Task User_create_makes_an_account_that_can_sign_in_with_its_roles()
    {
        var (exit, output, _) = await RunWithInput("Correct-Horse-9\n", "user", "create", "ops", "--role", "Admin", "--role", "Author");

        Assert.Equal(0, exit);
        Assert.Equal("created ops\n", output);
        await using var services = Services();
        var users = services.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await users.FindByNameAsync("ops"))!;
        Assert.True(await users.CheckPasswordAsync(user, "Correct-Horse-9"));
        Assert.Equal(["Admin", "Author"], (await users.GetRolesAsync(user)).Order());
    }

    [Fact]
    public async Task Token_create_prints_the_token_alone_on_its_last_line_and_stores_only_its_hash()
    {
        await Run("user", "create", "ci", "--password", "Correct-Horse-9", "--role", "Author");

        var (exit, output, error) = await Run("token", "create", "--user", "ci", "--name", "CI of the firmware repository", "--scope", "read", "--scope", "write", "--expires", "30d");

        Assert.True(exit == 0, error);
        var secret = output.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith(AccessToken.Prefix, secret, StringComparison.Ordinal);
        await using var services = Services();
        await using var scope = services.CreateAsyncScope();
        var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(scope.ServiceProvider.GetRequiredService<MilestonesDbContext>().AccessTokens, TestContext.Current.CancellationToken);
        Assert.Equal((AccessToken.HashOf(secret), TokenScopes.Read | TokenScopes.Write, "ci"), (stored.Hash, stored.Scopes, stored.UserName));
        Assert.DoesNotContain(secret, stored.Hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--scope", "review", "not a Reviewer")]
    [InlineData("--expires", "400d", "within a year")]
    [InlineData("--expires", "soon", "number of days")]
    public async Task Token_create_refuses_what_its_person_or_the_limits_do_not_allow(string option, string value, string message)
    {
        await Run("user", "create", "ci", "--password", "Correct-Horse-9", "--role", "Author");

        var (exit, _, error) = await Run("token", "create", "--user", "ci", "--name", "CI", "--scope", "read", option, value);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pull", "out")]
    [InlineData("push", "out")]
    public async Task Pull_and_push_need_a_token_from_the_environment(string verb, string path)
    {
        Assert.Null(Environment.GetEnvironmentVariable("MILESTONES_TOKEN"));

        var (exit, _, error) = await Run(verb, path, "--server", "http://127.0.0.1:9");

        Assert.Equal(1, exit);
        Assert.Contains("set MILESTONES_TOKEN", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_verb_is_an_error_that_lists_the_verbs_and_never_starts_the_web_app()
    {
        Assert.True(CommandLine.IsVerb(["pul"]));
        Assert.False(CommandLine.IsVerb(["--urls", "http://127.0.0.1:5000"]));
        Assert.True(CommandLine.IsVerb(["--db", "milestones.db", "token", "create"]));

        var (exit, output, error) = await Run("pul");

        Assert.NotEqual(0, exit);
        Assert.Contains("pul", error, StringComparison.Ordinal);
        Assert.Contains("import", output + error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_create_refuses_a_weak_password_saying_why()
    {
        var (exit, _, error) = await Run("user", "create", "ops", "--password", "abc");

        Assert.Equal(1, exit);
        Assert.Contains("Use at least 12 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_reset_password_sets_a_new_one_and_lifts_a_lockout()
    {
        await Run("user", "create", "ops", "--password", "Correct-Horse-9");
        await using (var services = Services())
        {
            var users = services.GetRequiredService<UserManager<IdentityUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync("ops"))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        var (exit, output, _) = await RunWithInput("Battery-Staple-7\n", "user", "reset-password", "ops");

        Assert.Equal(0, exit);
        Assert.Equal("new password set for ops\n", output);
        await using var after = Services();
        var manager = after.GetRequiredService<UserManager<IdentityUser>>();
        var user = (await manager.FindByNameAsync("ops"))!;
        Assert.True(await manager.CheckPasswordAsync(user, "Battery-Staple-7"));
        Assert.False(await manager.IsLockedOutAsync(user));
    }

    [Fact]
    public async Task User_reset_password_of_an_unknown_account_says_so()
    {
        var (exit, _, error) = await Run("user", "reset-password", "ghost", "--password", "Battery-Staple-7");

        Assert.Equal(1, exit);
        Assert.Contains("no account named ghost", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_then_restore_as_the_README_says_brings_back_what_was_backed_up()
    {
        Assert.SkipUnless(_store.Settings.Provider is DatabaseProvider.Sqlite, "SQLite's backup: PostgreSQL's is pg_dump, refused by the next test");
        await Run("import", Fixture.PathOf("canonical/example-M-007.md"), "--accept-recorded-reviews");
        var (exit, output, _) = await Run("backup", "backups/milestones.db");
        await Run("import", Fixture.PathOf("canonical"), "--accept-recorded-reviews");

        // README, "Backup and restore": stop the app, put the database and its -wal and -shm files
        // aside, copy the backup in its place, start again.
        var database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(_store.Settings.ConnectionString).DataSource;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { database, $"{database}-wal", $"{database}-shm" }.Where(File.Exists))
            File.Move(file, $"{file}.before-restore");
        File.Copy(Path.Combine(_folder, "backups", "milestones.db"), database);
        var (_, exported, _) = await Run("export", "restored");

        Assert.Equal(0, exit);
        Assert.Contains("backed up to", output, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_folder, "restored", "M-007.md"), Assert.Single(exported.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Backup_never_overwrites_and_sends_PostgreSQL_to_pg_dump()
    {
        File.WriteAllText(Path.Combine(_folder, "taken.db"), "");

        var (exit, _, error) = await Run("backup", "taken.db");

        Assert.Equal(1, exit);
        Assert.Contains(_store.Settings.Provider is DatabaseProvider.Sqlite ? "exists: name a new file" : "use pg_dump", error, StringComparison.Ordinal);
    }

    /// <summary>The app's services on the test's database, to look at what a verb stored.</summary>
    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMilestonesDatabase(_store.Settings);
        services.AddAccounts();
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
