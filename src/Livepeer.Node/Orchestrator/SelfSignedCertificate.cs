using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Livepeer.Node.Orchestrator;

/// <summary>
/// The orchestrator's TLS certificate: self-signed, made once and kept in the data directory. Broadcasters do not trust
/// it by authority; they trust the orchestrator's Ethereum address, which signs its results and its Ping answers.
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>Loads the PKCS#12 file at <paramref name="path"/>, or creates it for 127.0.0.1, ::1 and localhost.</summary>
    public static X509Certificate2 LoadOrCreate(string path, TimeProvider time)
    {
        if (File.Exists(path)) return X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=livepeer-orchestrator", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = time.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
        var pfx = certificate.Export(X509ContentType.Pkcs12);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, pfx);
        File.Move(temp, path, overwrite: true);
        return X509CertificateLoader.LoadPkcs12(pfx, password: null);
    }
}
