using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace CrisisCenter.EventStore.EventStoreDb;

/// <summary>How the server's TLS certificate is judged: the system trust store (the default), a custom CA
/// (<c>tlsCaFile</c>), or not at all (<c>tlsVerifyCert=false</c>, development only).</summary>
internal static class ServerCertificateTrust
{
    /// <summary>The validation callback for <paramref name="settings"/>, or null for the platform's own validation.
    /// Throws <see cref="InvalidOperationException"/> naming the file when the CA cannot be read.</summary>
    public static RemoteCertificateValidationCallback? CallbackFor(EventStoreDbConnectionString settings)
    {
        if (!settings.UseTls) return null;
        if (!settings.VerifyCertificate) return (_, _, _, _) => true;
        if (settings.TlsCaFile is null) return null;
        var authority = LoadAuthority(settings.TlsCaFile);
        return (_, certificate, _, errors) => IsTrusted(certificate as X509Certificate2 ?? (certificate is null ? null : new X509Certificate2(certificate)), errors, authority);
    }

    public static X509Certificate2 LoadAuthority(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"EventStoreDB tlsCaFile '{path}' could not be read as a certificate (PEM or DER): {e.Message}", e);
        }
    }

    /// <summary>Trusted when the certificate names the host (no name mismatch) and chains to <paramref name="authority"/>
    /// alone, whatever the system store holds.</summary>
    public static bool IsTrusted(X509Certificate2? certificate, SslPolicyErrors errors, X509Certificate2 authority)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
