using System.CommandLine;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.EntityFrameworkCore;

namespace ChainForge.Milestones.Cli;

/// <summary>
/// The <c>milestones</c> verbs, run by the same executable as the web app:
/// <c>dotnet run --project src/ChainForge.Milestones -- VERB</c>. Without a verb the web app starts.
/// </summary>
public static class CommandLine
{
    private static readonly string[] Help = ["-h", "--help", "-?"];

    /// <summary>
    /// Whether the arguments are for the command line rather than the web app: a first word that
    /// is not an option is a verb, and one the command line does not know is an error that lists
    /// the verbs (never a web server started by a typo); so is the command line's own <c>--db</c>
    /// before the verb. The web app's options alone (--urls ...) start the app.
    /// </summary>
    public static bool IsVerb(string[] args) => args.Length > 0 && (!args[0].StartsWith('-') || Help.Contains(args[0]) || args[0] == "--db");

    /// <param name="baseDirectory">Where appsettings.json is and the default database goes: the app's folder.</param>
    /// <param name="userDirectory">What relative paths on the command line are relative to.</param>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, string baseDirectory, string userDirectory) =>
        RunAsync(args, TextReader.Null, output, error, baseDirectory, userDirectory);

    public static Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, string baseDirectory, string userDirectory)
    {
        var db = new Option<string?>("--db")
        {
            Description = "The SQLite database file to use instead of the configured one",
            Recursive = true,
        };
        var paths = new Argument<string[]>("paths")
        {
            Description = "Milestone .md files, or folders of them",
            Arity = ArgumentArity.OneOrMore,
        };

        var template = new Command("template", "Print the blank template (an empty milestone, exported)");
        template.SetAction(_ => output.Write(MarkdownExporter.Export(new Milestone())));

        var acceptReviews = new Option<bool>("--accept-recorded-reviews")
        {
            Description = "Store the reviews the files state as accepted from a file by the operator (for moving a team's existing files in); without it, a file whose reviews differ from those recorded is refused",
        };
        var import = new Command("import", "Create or replace milestones by ID from files; on any error store nothing") { paths, acceptReviews };
        import.SetAction(async (parse, cancellationToken) =>
        {
            if (ReadFiles(parse.GetValue(paths)!, userDirectory, error, withLedger: true) is not { } files)
                return 1;
            await using var services = Services(UserPath(parse.GetValue(db), userDirectory), baseDirectory);
            await Database.MigrateAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var changes = scope.ServiceProvider.GetRequiredService<MilestoneChanges>();
            var plan = await changes.ImportAsync(Actor.CommandLine, files, parse.GetValue(acceptReviews), cancellationToken);
            if (!plan.Succeeded)
                return Fail(plan.Errors, error);
            foreach (var (file, milestone, action) in plan.Milestones)
                await output.WriteLineAsync($"{action switch { ImportAction.Create => "created", ImportAction.Replace => "replaced", _ => "unchanged" }} {milestone.Id} from {file.Path}");
            return 0;
        });

        var ids = new Option<string[]>("--id") { Description = "Export only this milestone (repeatable)" };
        var folder = new Argument<string>("folder") { Description = "The folder to write {ID}.md files into" };
        var export = new Command("export", "Write one {ID}.md per milestone into a folder") { folder, ids };
        export.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services(UserPath(parse.GetValue(db), userDirectory), baseDirectory);
            await Database.MigrateAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
            var wanted = parse.GetValue(ids) ?? [];
            var written = await MilestoneFiles.ExportAsync(context, UserPath(parse.GetValue(folder), userDirectory)!, wanted, cancellationToken);
            var missing = wanted.Where(id => !written.Exists(p => string.Equals(Path.GetFileNameWithoutExtension(p), id, StringComparison.OrdinalIgnoreCase))).ToList();
            foreach (var path in written)
                await output.WriteLineAsync(path);
            foreach (var id in missing)
                await error.WriteLineAsync($"no milestone with ID {id}");
            return missing.Count == 0 ? 0 : 1;
        });

        var approvals = new Option<string?>("--approvals")
        {
            Description = $"The approvals ledger to verify APPROVED reviews against (default: the {ApprovalLedger.FileName} among the files); needs --public-key",
        };
        var publicKey = new Option<string?>("--public-key")
        {
            Description = "The server's public key (PEM, from /api/v1/approvals/public-key or `approvals public-key`): every APPROVED review must have its valid signature in the ledger",
        };
        var check = new Command("check", "Validate milestone files and store nothing; with --public-key, verify their approvals too (no database, no server)") { paths, approvals, publicKey };
        check.SetAction(parse =>
        {
            if (ReadFiles(parse.GetValue(paths)!, userDirectory, error, withLedger: true) is not { } files)
                return 1;
            var ledgerPath = parse.GetValue(approvals);
            var keyPath = parse.GetValue(publicKey);
            if (ledgerPath is not null && keyPath is null)
            {
                error.WriteLine("--approvals needs --public-key: a ledger is only worth the key that verifies it");
                return 1;
            }
            if (ledgerPath is not null)
            {
                if (ReadFiles([ledgerPath], userDirectory, error) is not [var ledger])
                    return 1;
                files = [.. files.Where(f => !MilestoneFiles.IsLedger(f.Path)), ledger with { Path = MilestoneFiles.IsLedger(ledger.Path) ? ledger.Path : Path.Join(ledger.Path, ApprovalLedger.FileName) }];
            }
            var errors = MilestoneFiles.Check(files, out var milestones).ToList();
            var verified = "";
            if (keyPath is not null)
            {
                if (!files.Exists(f => MilestoneFiles.IsLedger(f.Path)))
                {
                    error.WriteLine($"no approvals ledger: give --approvals, or check a folder that holds {ApprovalLedger.FileName} (export and pull write it)");
                    return 1;
                }
                if (ReadKey(UserPath(keyPath, userDirectory)!, keyPath, error) is not { } key)
                    return 1;
                using (key)
                {
                    errors.AddRange(ApprovalLedger.Verify(milestones, [.. milestones.SelectMany(m => m.Approvals)], key));
                    verified = $", their approvals verified under key {SignedApproval.Fingerprint(key)[..16]}";
                }
            }
            if (errors.Count > 0)
                return Fail(errors, error);
            output.WriteLine($"{milestones.Count} milestone file(s) OK{verified}");
            return 0;
        });

        var user = UserCommands.Create(db, file => Services(UserPath(file, userDirectory), baseDirectory), input, output, error);
        var token = TokenCommands.Create(db, file => Services(UserPath(file, userDirectory), baseDirectory), output, error);

        var count = new Option<int>("--count") { Description = "How many milestones to generate", Required = true };
        var seedValue = new Option<int>("--seed") { Description = "The random seed: the same seed gives the same milestones", DefaultValueFactory = _ => 1 };
        var seed = new Command("seed", "Add N generated sample milestones, numbered after the highest M-nnn") { count, seedValue };
        seed.SetAction(async (parse, cancellationToken) =>
        {
            var wanted = parse.GetValue(count);
            if (wanted < 1)
            {
                await error.WriteLineAsync("--count must be at least 1");
                return 1;
            }
            await using var services = Services(UserPath(parse.GetValue(db), userDirectory), baseDirectory);
            await Database.MigrateAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
            var first = await HighestNumber(context, cancellationToken) + 1;
            var samples = new SampleMilestones(parse.GetValue(seedValue)).Generate(wanted, first);
            await scope.ServiceProvider.GetRequiredService<MilestoneChanges>().SeedAsync(Actor.CommandLine, [.. samples], cancellationToken);
            await output.WriteLineAsync($"seeded {wanted} milestones, {SampleMilestones.IdFor(first)} to {SampleMilestones.IdFor(first + wanted - 1)}");
            return 0;
        });

        var pullFolder = new Argument<string>("folder") { Description = "Where the files go; the version of each is kept beside them, in " + MilestonePull.VersionsFile };
        // An option belongs to one command: pull and push each get their own.
        static Option<string> Server() => new("--server") { Description = "The server's address, e.g. https://milestones.example.com; the token is read from MILESTONES_TOKEN", Required = true };
        var server = Server();
        var pullId = new Option<string?>("--id") { Description = "Only this milestone" };
        var prune = new Option<bool>("--prune") { Description = "Remove the files, written by an earlier pull, of milestones the server no longer has" };
        var pull = new Command("pull", "Write every milestone's file from a server (its HTTP API), with the version each was pulled at") { pullFolder, server, pullId, prune };
        pull.SetAction(async (parse, cancellationToken) =>
        {
            if (Client(parse.GetValue(server)!, error) is not { } client)
                return 1;
            using var _ = client;
            return await new MilestonePull(client, output, error).PullAsync(UserPath(parse.GetValue(pullFolder), userDirectory)!, parse.GetValue(pullId), parse.GetValue(prune), cancellationToken);
        });

        var pushPaths = new Argument<string[]>("paths") { Description = "Milestone files, or folders of them (as pull wrote them)", Arity = ArgumentArity.OneOrMore };
        var pushServer = Server();
        var push = new Command("push", "Send changed files back to a server, all or nothing, each with the version it was pulled at") { pushPaths, pushServer };
        push.SetAction(async (parse, cancellationToken) =>
        {
            if (Client(parse.GetValue(pushServer)!, error) is not { } client)
                return 1;
            using (client)
            {
                if (ReadFiles(parse.GetValue(pushPaths)!, userDirectory, error) is not { } files)
                    return 1;
                return await new MilestonePush(client, output, error).PushAsync([.. files.Select(f => (f.Path, UserPath(f.Path, userDirectory)!))], cancellationToken);
            }
        });

        var setupCode = new Command("setup-code", "Print the code that creates the first administrator on /setup (while no account exists)");
        setupCode.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services(UserPath(parse.GetValue(db), userDirectory), baseDirectory);
            await Database.MigrateAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            if (await FirstRunSetup.SetupCodeAsync(scope.ServiceProvider.GetRequiredService<MilestonesDbContext>(), cancellationToken) is not { } code)
            {
                await error.WriteLineAsync("accounts exist already: there is no setup code (an administrator creates accounts, or use `user create`)");
                return 1;
            }
            await output.WriteLineAsync(code);
            return 0;
        });

        var printKey = new Command("public-key", "Print the public key (PEM) that verifies the server's signatures of approvals, for `check --public-key`");
        printKey.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services(UserPath(parse.GetValue(db), userDirectory), baseDirectory);
            await Database.MigrateAsync(services, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            var context = scope.ServiceProvider.GetRequiredService<MilestonesDbContext>();
            // A database nobody uses (the tool run away from the server's settings) has a key of its
            // own that signed nothing: printed, it would fail every check.
            if (!await context.Users.AnyAsync(cancellationToken))
            {
                await error.WriteLineAsync("this database has no accounts, so no approvals: it is not the server's (give --db, or run beside the server's appsettings.json); or take the key from the server's /api/v1/approvals/public-key");
                return 1;
            }
            await output.WriteLineAsync(await scope.ServiceProvider.GetRequiredService<ApprovalSigner>().PublicKeyPemAsync(context, cancellationToken));
            return 0;
        });
        var approvalsCommand = new Command("approvals", "The server's signatures of approvals") { printKey };

        var backupFile = new Argument<string>("file") { Description = "The new file to write the copy to" };
        var backup = new Command("backup", "Copy the SQLite database to a new file, consistent while the app runs (PostgreSQL: pg_dump)") { backupFile };
        backup.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Services(UserPath(parse.GetValue(db), userDirectory), baseDirectory);
            await using var scope = services.CreateAsyncScope();
            var file = UserPath(parse.GetValue(backupFile), userDirectory)!;
            if (await Backup.ToFileAsync(scope.ServiceProvider.GetRequiredService<MilestonesDbContext>(), file, cancellationToken) is { } problem)
            {
                await error.WriteLineAsync(problem);
                return 1;
            }
            await output.WriteLineAsync($"backed up to {file}");
            return 0;
        });

        var root = new RootCommand("ChainForge Milestones: run with no verb to start the web app.") { template, import, export, check, pull, push, seed, user, token, approvalsCommand, setupCode, backup };
        root.Options.Add(db);
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private const string NoToken = "set MILESTONES_TOKEN to a personal access token (made on your account's Access tokens page, or with `token create`)";

    /// <summary>A client of the server's API with the token from MILESTONES_TOKEN; null, after saying why, without one or without a server's address.</summary>
    private static HttpClient? Client(string server, TextWriter error)
    {
        if (Environment.GetEnvironmentVariable("MILESTONES_TOKEN") is not { Length: > 0 } token)
        {
            error.WriteLine(NoToken);
            return null;
        }
        if (!Uri.TryCreate(server.TrimEnd('/') + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"--server is the server's address, as https://milestones.example.com: not {server}");
            return null;
        }
        // The token would cross the network readable by anyone on the way.
        if (address.Scheme == "http" && !address.IsLoopback)
        {
            error.WriteLine($"--server must be https, unless it is this machine: the token would be sent in the clear to {address.Host}");
            return null;
        }
        var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The highest n of the stored IDs of the form M-n, or 0.</summary>
    private static async Task<int> HighestNumber(MilestonesDbContext context, CancellationToken cancellationToken)
    {
        var ids = await context.Milestones.IgnoreQueryFilters().AsNoTracking().Where(m => m.Id.StartsWith("M-")).Select(m => m.Id).ToListAsync(cancellationToken);
        return ids.Select(id => int.TryParse(id.AsSpan(2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
    }

    private static int Fail(IEnumerable<FileError> errors, TextWriter error)
    {
        foreach (var e in errors)
            error.WriteLine(e);
        return 1;
    }

    private static System.Security.Cryptography.ECDsa? ReadKey(string fullPath, string path, TextWriter error)
    {
        if (!File.Exists(fullPath))
        {
            error.WriteLine($"{path}: no such file");
            return null;
        }
        if (new FileInfo(fullPath).Length > 64 * 1024 || SignedApproval.ReadPublicKey(File.ReadAllText(fullPath)) is not { } key)
        {
            error.WriteLine($"{path}: not a public key in PEM form (-----BEGIN PUBLIC KEY-----), as /api/v1/approvals/public-key gives it");
            return null;
        }
        return key;
    }

    /// <summary>
    /// The .md files named, folders searched recursively, in a stable order; with
    /// <paramref name="withLedger"/>, approvals ledgers in those folders too.
    /// </summary>
    private static List<MilestoneFile>? ReadFiles(string[] paths, string userDirectory, TextWriter error, bool withLedger = false)
    {
        var files = new List<MilestoneFile>();
        foreach (var path in paths)
        {
            var fullPath = UserPath(path, userDirectory)!;
            if (Directory.Exists(fullPath))
            {
                files.AddRange(Directory.EnumerateFiles(fullPath, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".md", StringComparison.Ordinal) || (withLedger && MilestoneFiles.IsLedger(f)))
                    .Order(StringComparer.Ordinal)
                    .Select(f => new MilestoneFile(Path.Join(path, Path.GetRelativePath(fullPath, f)), File.ReadAllBytes(f))));
            }
            else if (File.Exists(fullPath))
                files.Add(new MilestoneFile(path, File.ReadAllBytes(fullPath)));
            else
            {
                error.WriteLine($"{path}: no such file or folder");
                return null;
            }
        }
        return files;
    }

    private static string? UserPath(string? path, string userDirectory) =>
        path is null ? null : Path.GetFullPath(path, userDirectory);

    private static ServiceProvider Services(string? databaseFile, string baseDirectory)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(baseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMilestonesDatabase(Database.Settings(configuration, baseDirectory, databaseFile));
        services.AddAccounts();
        services.AddSharedKeys(configuration);
        services.AddMilestoneChanges();
        return services.BuildServiceProvider();
    }
}
