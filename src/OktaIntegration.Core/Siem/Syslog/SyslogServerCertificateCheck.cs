using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace OktaIntegration.Core.Siem.Syslog;

/// <summary>
/// Checks a syslog server's TLS certificate. Always: the certificate must name the server (the
/// host name or IP address connected to). The chain must end at a root of the system store, or,
/// when a CA file is given (a private CA), at one of the certificates in that file. There is no
/// way to skip the check. <see cref="Failure"/> says why the last check failed, for the error.
/// </summary>
public sealed class SyslogServerCertificateCheck
{
    private readonly X509Certificate2[] _trustedAuthorities;

    private SyslogServerCertificateCheck(X509Certificate2[] trustedAuthorities, string? authorityFile)
    {
        _trustedAuthorities = trustedAuthorities;
        AuthorityFile = authorityFile;
    }

    /// <summary>The CA file trusted besides the system store, or null.</summary>
    public string? AuthorityFile { get; }

    /// <summary>Trust the system store only.</summary>
    public static SyslogServerCertificateCheck SystemStore() => new(Array.Empty<X509Certificate2>(), null);

    /// <summary>Trust the system store and the CA certificate(s) in a PEM (one or more) or DER file.</summary>
    public static SyslogServerCertificateCheck WithAuthorityFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"The CA certificate file '{full}' does not exist.", full);
        var bytes = File.ReadAllBytes(full);
        var certificates = new List<X509Certificate2>();
        try
        {
            var text = Encoding.ASCII.GetString(bytes);
            const string begin = "-----BEGIN CERTIFICATE-----";
            const string end = "-----END CERTIFICATE-----";
            var at = text.IndexOf(begin, StringComparison.Ordinal);
            while (at >= 0)
            {
                var stop = text.IndexOf(end, at, StringComparison.Ordinal);
                if (stop < 0) break;
                var base64 = text.Substring(at + begin.Length, stop - at - begin.Length);
                certificates.Add(new X509Certificate2(Convert.FromBase64String(base64)));
                at = text.IndexOf(begin, stop, StringComparison.Ordinal);
            }
            if (certificates.Count == 0) certificates.Add(new X509Certificate2(bytes));
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            throw new SyslogSettingException(SyslogSetting.CertificateAuthorityFile, $"The CA certificate file '{full}' holds no certificate in PEM or DER form: {ex.Message}", ex);
        }
        return new SyslogServerCertificateCheck(certificates.ToArray(), full);
    }

    /// <summary>Why the last check refused the certificate; null while none did.</summary>
    public string? Failure { get; private set; }

    /// <summary>The SslStream callback. Thread-safe enough for one connection per call (each send makes its own check via <see cref="ForOneConnection"/>).</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate == null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            return Fail("the server presented no certificate");
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            return Fail($"its certificate ({certificate.Subject}) does not name the server");
        // Only chain errors remain: acceptable if the chain ends at one of the given CAs.
        if (_trustedAuthorities.Length == 0)
            return Fail($"its certificate ({certificate.Subject}, issued by {certificate.Issuer}) does not chain to a root of the system store ({Statuses(chain)}); for a private CA, name its certificate file");
        using var leaf = new X509Certificate2(certificate);
        using var custom = new X509Chain();
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
        custom.ChainPolicy.ExtraStore.AddRange(_trustedAuthorities);
        if (chain != null)
        {
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        }
        custom.Build(leaf);
        var elements = custom.ChainElements.Cast<X509ChainElement>().ToList();
        var root = elements.Count > 0 ? elements[elements.Count - 1].Certificate : null;
        if (root == null || !_trustedAuthorities.Any(a => a.RawData.AsSpan().SequenceEqual(root.RawData)))
            return Fail($"its certificate ({certificate.Subject}, issued by {certificate.Issuer}) does not chain to the CA in '{AuthorityFile}' nor to the system store");
        // The root is ours, so "untrusted root" is expected; anything else (expired, bad signature) is not.
        var problems = custom.ChainStatus.Where(s => s.Status != X509ChainStatusFlags.UntrustedRoot && s.Status != X509ChainStatusFlags.NoError).ToList();
        if (problems.Count > 0)
            return Fail($"its certificate chain to the CA in '{AuthorityFile}' is not valid ({string.Join("; ", problems.Select(p => p.StatusInformation.Trim()))})");
        return true;
    }

    /// <summary>A fresh check with the same trust, whose <see cref="Failure"/> belongs to one connection only.</summary>
    public SyslogServerCertificateCheck ForOneConnection() => new(_trustedAuthorities, AuthorityFile);

    private bool Fail(string why)
    {
        Failure = why;
        return false;
    }

    private static string Statuses(X509Chain? chain)
    {
        if (chain == null || chain.ChainStatus.Length == 0) return "no chain";
        return string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).DefaultIfEmpty(chain.ChainStatus[0].Status.ToString()));
    }
}
