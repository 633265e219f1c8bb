using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChainForge.Milestones.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChainForge.Milestones.Tests.Hosting;

/// <summary>The keys live in the database; with the operator's certificate, encrypted there. (Sharing them across processes: SeveralInstancesTests.)</summary>
public sealed class SharedKeysTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_keys_are_kept_in_the_database()
    {
        await using var app = new MilestonesAppFactory();
        using var client = app.CreateClient();

        await client.GetAsync(new Uri("/account/login", UriKind.Relative), Cancellation);

        await using var db = app.CreateDbContext();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync(Cancellation));
        Assert.Contains("<masterKey", key.Xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_certificate_the_keys_are_kept_encrypted()
    {
        var folder = Directory.CreateTempSubdirectory("milestones-keys-").FullName;
        var pfx = Path.Combine(folder, "keys.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=milestones-keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"), Cancellation);
        }
        await using var app = new MilestonesAppFactory();
        using var withCertificate = app.WithWebHostBuilder(builder => builder
            .UseSetting(SharedKeys.CertificatePathSetting, pfx)
            .UseSetting(SharedKeys.CertificatePasswordSetting, "pfx-password"));
        using var client = withCertificate.CreateClient();

        var login = await Pages.HtmlPage.GetAsync(client, "/account/login");

        Assert.NotNull(login.Find("input[name=__RequestVerificationToken]"));
        // Asked of the same host: one without the certificate would find no key it can read, and make one.
        using var scope = withCertificate.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ChainForge.Milestones.Data.MilestonesDbContext>();
        var key = Assert.Single(await db.DataProtectionKeys.ToListAsync(Cancellation));
        Assert.Contains("<encryptedSecret", key.Xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key.Xml, StringComparison.Ordinal);
        Directory.Delete(folder, recursive: true);
    }
}
