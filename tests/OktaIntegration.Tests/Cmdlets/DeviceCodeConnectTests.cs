using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Tests.Auth;
using OktaIntegration.Tests.Infrastructure;
using Xunit;

namespace OktaIntegration.Tests.Cmdlets;

/// <summary>Connect-OktaTenant -UseDeviceCode in a hosted runspace: the code and URL on the host, then the confirmation.</summary>
public class DeviceCodeConnectTests
{
    private static Dictionary<string, object?> Vars(TestOrg org) =>
        new() { ["url"] = org.BaseUrl.ToString(), ["client"] = DeviceCodeSignInTests.NativeClientId };

    [Fact]
    public async Task Shows_the_verification_url_and_user_code_then_connects()
    {
        // Not Okta: the emulator approves each code as it is issued, standing in for the admin at the browser.
        await using var org = await DeviceCodeSignInTests.StartAsync(o => o.AutoApproveDeviceCodes = true);
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ClientId $client -UseDeviceCode -Scope okta.groups.read 6>&1", Vars(org));

        Assert.Empty(result.AllErrors);
        var lines = result.Output.Select(o => Assert.IsType<InformationRecord>(o.BaseObject)).ToList();
        Assert.Equal(2, lines.Count);
        var prompt = lines[0];
        Assert.Contains("OktaDeviceCode", prompt.Tags);
        var text = prompt.MessageData.ToString()!;
        Assert.Contains("open " + new Uri(org.BaseUrl, "activate"), text);
        Assert.Matches("enter the code [A-Z]{8}", text);
        Assert.DoesNotContain("\n", text);
        Assert.StartsWith("Connected to ", lines[1].MessageData.ToString());
        Assert.Contains("DeviceCode as " + DeviceCodeSignInTests.NativeClientId, lines[1].MessageData.ToString());

        var connection = ps.Invoke("Get-OktaConnection").Output.Single().BaseObject;
        Assert.Equal(Core.Auth.AuthenticationType.DeviceCode, Assert.IsType<OktaConnection>(connection).AuthenticationType);
    }

    [Fact]
    public async Task A_code_that_lapses_is_OktaDeviceCodeExpired()
    {
        await using var org = await DeviceCodeSignInTests.StartAsync(o => o.DeviceCodeLifetime = TimeSpan.FromSeconds(2));
        using var ps = new PowerShellSession();
        var result = ps.Invoke("Connect-OktaTenant -OrgUrl $url -ClientId $client -UseDeviceCode -Scope okta.groups.read -InformationAction Ignore", Vars(org));

        var error = Assert.Single(result.AllErrors);
        Assert.StartsWith("OktaDeviceCodeExpired", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
    }

    [Fact]
    public void UseDeviceCode_requires_ClientId_and_Scope_and_no_secret()
    {
        using var ps = new PowerShellSession();
        var parameterSet = ps.Invoke("(Get-Command Connect-OktaTenant).ParameterSets | Where-Object Name -eq DeviceCode | ForEach-Object { $_.Parameters | Where-Object IsMandatory | ForEach-Object Name }");
        Assert.Equal(new[] { "ClientId", "Scope", "UseDeviceCode" }, parameterSet.Output.Select(o => o.ToString()).OrderBy(n => n));
    }
}
