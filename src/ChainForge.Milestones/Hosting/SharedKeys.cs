using System.Security.Cryptography.X509Certificates;
using ChainForge.Milestones.Data;
using Microsoft.AspNetCore.DataProtection;

namespace ChainForge.Milestones.Hosting;

/// <summary>
/// The keys that sign sign-in cookies and antiforgery tokens, kept in the database under one
/// application name: every instance on that database reads every other's cookies, and a restart
/// or a new machine signs nobody out. Keys are protected at rest with the operator's certificate
/// when <c>DataProtection:Certificate:Path</c> names one (a PFX, with <c>:Password</c>).
/// </summary>
public static class SharedKeys
{
    public const string ApplicationName = "ChainForge.Milestones";
    public const string CertificatePathSetting = "DataProtection:Certificate:Path";
    public const string CertificatePasswordSetting = "DataProtection:Certificate:Password";

    public static IServiceCollection AddSharedKeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keys = services.AddDataProtection()
            .SetApplicationName(ApplicationName)
            .PersistKeysToDbContext<MilestonesDbContext>();
        if (configuration[CertificatePathSetting] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[CertificatePasswordSetting]);
            if (!certificate.HasPrivateKey)
                throw new InvalidOperationException($"{CertificatePathSetting}: {path} has no private key; the keys could be protected but never read back.");
            keys.ProtectKeysWithCertificate(certificate);
        }
        return services;
    }
}
