namespace OktaIntegration.Core.Connection.Settings;

/// <summary>Where an org's secret is kept, as a settings file names it ("credential"); the file holds only the name, never the secret.</summary>
public sealed class CredentialSource
{
    private CredentialSource(CredentialSourceKind kind, string? variable, string? path, string? vault, string? secretName, string? thumbprint)
    {
        Kind = kind;
        Variable = variable;
        Path = path;
        Vault = vault;
        SecretName = secretName;
        Thumbprint = thumbprint;
    }

    public CredentialSourceKind Kind { get; }

    /// <summary>With <see cref="CredentialSourceKind.Environment"/>: the variable's name.</summary>
    public string? Variable { get; }

    /// <summary>With <see cref="CredentialSourceKind.File"/>: the key file (relative paths are relative to the settings file).</summary>
    public string? Path { get; }

    /// <summary>With <see cref="CredentialSourceKind.Vault"/>: the SecretManagement vault.</summary>
    public string? Vault { get; }

    /// <summary>With <see cref="CredentialSourceKind.Vault"/>: the secret's name in the vault.</summary>
    public string? SecretName { get; }

    /// <summary>With <see cref="CredentialSourceKind.CertificateStore"/>: the certificate's thumbprint.</summary>
    public string? Thumbprint { get; }

    public static CredentialSource FromEnvironment(string variable) => new(CredentialSourceKind.Environment, variable, null, null, null, null);

    public static CredentialSource FromFile(string path) => new(CredentialSourceKind.File, null, path, null, null, null);

    public static CredentialSource FromVault(string vault, string secretName) => new(CredentialSourceKind.Vault, null, null, vault, secretName, null);

    public static CredentialSource FromCertificateStore(string thumbprint) => new(CredentialSourceKind.CertificateStore, null, null, null, null, thumbprint);

    public override string ToString() => Kind switch
    {
        CredentialSourceKind.Environment => $"environment variable {Variable}",
        CredentialSourceKind.File => $"key file {Path}",
        CredentialSourceKind.Vault => $"secret {SecretName} in vault {Vault}",
        _ => $"certificate {Thumbprint}",
    };
}

/// <summary>The kinds of <see cref="CredentialSource"/>.</summary>
public enum CredentialSourceKind
{
    Environment,
    File,
    Vault,
    CertificateStore,
}
