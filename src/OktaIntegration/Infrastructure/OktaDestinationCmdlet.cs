using System;
using System.Management.Automation;
using System.Security;
using OktaIntegration.Core.Siem;
using OktaIntegration.Core.Siem.Destinations;

namespace OktaIntegration.Infrastructure;

/// <summary>
/// Base of the New-Okta*Destination cmdlets: confirms with ShouldProcess, unwraps the secret
/// parameters only when the destination is built, and turns the destination's refusal of its
/// settings into one <see cref="ErrorIds.InvalidDestination"/> record naming the URL.
/// </summary>
public abstract class OktaDestinationCmdlet : OktaCmdlet
{
    /// <summary>Writes the destination <paramref name="create"/> builds, if the user confirms sending to <paramref name="target"/>.</summary>
    protected void WriteDestination(Uri url, string target, string action, Func<ISiemDestination> create)
    {
        if (!ShouldProcess(target, action)) return;
        try
        {
            WriteObject(create());
        }
        catch (ArgumentException ex)
        {
            // The target is the URL as shown (no user information): a URL with a password in it is refused, not echoed.
            ThrowTerminatingError(new ErrorRecord(ex, ErrorIds.InvalidDestination, ErrorCategory.InvalidArgument, DestinationUrl.Shown(url)));
        }
    }

    /// <summary>The text of a secret parameter; empty when missing, so the destination's own check names what is required.</summary>
    protected static string Plain(SecureString? secret) => SecureStrings.ToPlain(secret) ?? string.Empty;
}
