using System;
using System.Net;
using System.Net.Http;
using OktaIntegration.Core.Http;
using Xunit;

namespace OktaIntegration.Tests.Http;

/// <summary>-ProxyCredential goes to the proxy in use: -Proxy when given, else the system proxy; never silently dropped.</summary>
public class ProxyCredentialTests
{
    [Fact]
    public void Without_a_proxy_the_credential_goes_to_the_system_proxy()
    {
        var credential = new NetworkCredential("proxyuser", "proxy-secret");
        using var handler = (SocketsHttpHandler)OktaTransport.CreateDefaultHandler(null, credential);
        Assert.True(handler.UseProxy);
        Assert.Null(handler.Proxy); // the system proxy
        Assert.Same(credential, handler.DefaultProxyCredentials);
        Assert.Equal(OktaTransport.ConnectTimeout, handler.ConnectTimeout); // a host that never answers fails in seconds
    }

    [Fact]
    public void With_a_proxy_the_credential_goes_to_that_proxy()
    {
        var credential = new NetworkCredential("proxyuser", "proxy-secret");
        using var handler = (SocketsHttpHandler)OktaTransport.CreateDefaultHandler(new Uri("http://proxy.corp:8080"), credential);
        Assert.Same(credential, handler.Proxy!.Credentials);
    }
}
