using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using ChainForge.Milestones.Milestones.Markdown;
using ChainForge.Milestones.Milestones.Reviews;
using ChainForge.Milestones.Tests.Fixtures;

namespace ChainForge.Milestones.Tests;

/// <summary>
/// The command line as a repository's CI gets it: <c>dotnet pack</c>, <c>dotnet tool install</c>
/// into a folder of its own, then <c>milestones check</c> verifying a ledger, with no database, no
/// server and no configuration.
/// </summary>
public sealed class PackagedToolTests : IDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
    private readonly string _folder = Directory.CreateTempSubdirectory("milestones-tool-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static async Task<(int Exit, string Output)> RunAsync(string program, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // The test host's MSBuild settings would steer the SDK's own build of the package.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("DOTNET_HOST", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancel);
        var error = process.StandardError.ReadToEndAsync(Cancel);
        await process.WaitForExitAsync(Cancel);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task The_packed_tool_installs_into_a_folder_and_check_verifies_approvals_without_a_database()
    {
        var packages = Path.Combine(_folder, "packages");
        var pack = await RunAsync("dotnet", _folder, "pack", Path.Combine(Fixture.RepositoryRoot, "src", "ChainForge.Milestones"), "-c", "Release", "-o", packages, "--nologo");
        Assert.True(pack.Exit == 0, pack.Output);
        var install = await RunAsync("dotnet", _folder, "tool", "install", "ChainForge.Milestones", "--tool-path", Path.Combine(_folder, "tools"), "--add-source", packages, "--ignore-failed-sources");
        Assert.True(install.Exit == 0, install.Output);
        var milestones = Path.Combine(_folder, "tools", "milestones");

        // A repository as pull leaves it: the file, the ledger of its signed approval, and the server's key.
        var repo = Directory.CreateDirectory(Path.Combine(_folder, "repo")).FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var example = MarkdownImporter.Import(Fixture.Example).Milestone!;
        var approval = SignedApproval.Sign(ReviewWorkflow.Accept(example, ReviewKind.Technical, "root", DateTimeOffset.UnixEpoch), key)!;
        await File.WriteAllTextAsync(Path.Combine(repo, "M-007.md"), Fixture.Example, Cancel);
        await File.WriteAllTextAsync(Path.Combine(repo, ApprovalLedger.FileName), ApprovalLedger.Write([approval]), Cancel);
        await File.WriteAllTextAsync(Path.Combine(_folder, "server.pem"), key.ExportSubjectPublicKeyInfoPem(), Cancel);

        var untouched = await RunAsync(milestones, _folder, "check", "repo", "--public-key", "server.pem");
        await File.WriteAllTextAsync(Path.Combine(repo, "M-007.md"), Fixture.Example.Replace("It never", "It always", StringComparison.Ordinal), Encoding.UTF8, Cancel);
        var tampered = await RunAsync(milestones, _folder, "check", "repo", "--approvals", $"repo/{ApprovalLedger.FileName}", "--public-key", "server.pem");

        Assert.True(untouched.Exit == 0, untouched.Output);
        Assert.Contains("1 milestone file(s) OK, their approvals verified", untouched.Output, StringComparison.Ordinal);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains("repo/M-007.md:187: the parts the technical review covers are not what Priya Natarajan approved", tampered.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_folder, "*.db", SearchOption.AllDirectories));
    }
}
