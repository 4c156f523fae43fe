using System.Net;
using System.Security.Authentication;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Http;

/// <summary>
/// The TLS 1.2 fix for Windows PowerShell 5.1 (.NET Framework), as pure rules: the netstandard2.0
/// build that applies them cannot run here, so what it does to the process list is proven on the
/// same functions.
/// </summary>
public sealed class LegacyTlsDefaultsTests
{
#pragma warning disable CS0618, SYSLIB0039 // Ssl3, Tls and Tls11 are obsolete: exactly the lists being repaired
    [Theory]
    [InlineData(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls, SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls, SecurityProtocolType.Tls | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls11, SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12, SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13, SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13)]
    [InlineData(SecurityProtocolType.Tls13, SecurityProtocolType.Tls13 | SecurityProtocolType.Tls12)]
    [InlineData(SecurityProtocolType.SystemDefault, SecurityProtocolType.SystemDefault)]
    public void Tls12_is_added_to_an_explicit_list_and_nothing_is_removed(SecurityProtocolType current, SecurityProtocolType expected)
    {
        Assert.Equal(expected, LegacyTlsDefaults.WithTls12(current));
    }

    [Fact]
    public void An_SslStream_offers_the_versions_of_the_process_list()
    {
        Assert.Equal(SslProtocols.None, LegacyTlsDefaults.ForSslStream(SecurityProtocolType.SystemDefault)); // the OS chooses
        Assert.Equal(SslProtocols.Tls | SslProtocols.Tls12, LegacyTlsDefaults.ForSslStream(SecurityProtocolType.Tls | SecurityProtocolType.Tls12));
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, LegacyTlsDefaults.ForSslStream(SecurityProtocolType.Tls12 | SecurityProtocolType.Tls13));
    }
#pragma warning restore CS0618, SYSLIB0039
}
