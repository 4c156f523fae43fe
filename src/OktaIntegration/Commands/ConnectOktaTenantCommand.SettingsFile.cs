using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OktaIntegration.Core.Connection;
using OktaIntegration.Core.Connection.Settings;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

// Connect-OktaTenant -SettingsPath: many orgs from one settings file (see OrgSettingsFile for the format).
public sealed partial class ConnectOktaTenantCommand
{
    private const string SettingsSet = "Settings";
    private const int ParallelConnects = 8;

    /// <summary>A JSON settings file that names each org and where its secret is kept (no secrets in the file); writes one connection per org, for Export-OktaSystemLog -Connection.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SettingsSet)]
    [ValidateNotNullOrEmpty]
    public string? SettingsPath { get; set; }

    /// <summary>With -SettingsPath: connect only the orgs with these names (wildcards allowed).</summary>
    [Parameter(ParameterSetName = SettingsSet)]
    [ValidateNotNullOrEmpty]
    [SupportsWildcards]
    public string[]? Name { get; set; }

    private void ConnectFromSettingsFile()
    {
        if (OrgUrl != null)
        {
            Terminate(new ArgumentException("-OrgUrl cannot be used with -SettingsPath: each org's URL comes from the settings file."), OrgUrl, ErrorIds.InvalidArgument);
            return;
        }
        IReadOnlyList<OrgSettings> orgs;
        try
        {
            orgs = OrgSettingsFile.Load(GetUnresolvedProviderPathFromPSPath(SettingsPath));
        }
        catch (Exception ex) when (ex is OrgSettingsException or IOException or UnauthorizedAccessException)
        {
            Terminate(ex, SettingsPath);
            return;
        }

        // Secrets are read here, on the pipeline thread, because Get-Secret runs in the caller's session.
        var pending = new List<(OrgSettings Org, OktaConnectionSettings Settings)>();
        foreach (var org in Selected(orgs))
        {
            try
            {
                var settings = org.ToConnectionSettings(Environment.GetEnvironmentVariable, ReadFromVault);
                settings.Retry.MaxRetries = MaxRetries;
                settings.Proxy = Proxy;
                settings.ProxyCredential = ProxyCredential?.GetNetworkCredential();
                pending.Add((org, settings));
            }
            catch (Exception ex) when (ex is not PipelineStoppedException)
            {
                WriteOrgError(org, ex);
            }
        }

        var results = Run(ct => ConnectAllAsync(pending.Select(p => p.Settings).ToArray(), ct));
        for (var i = 0; i < pending.Count; i++)
        {
            var (connection, error) = results[i];
            if (connection == null)
            {
                WriteOrgError(pending[i].Org, error!);
                continue;
            }
            ConnectionRegistry.Keep(connection);
            WriteVerbose($"Org '{pending[i].Org.Name}': connected to {connection}; engine {connection.Engine ?? "unknown"}.");
            WriteObject(connection);
        }
    }

    /// <summary>The orgs -Name selects (all without it); a name that matches none is an error of its own.</summary>
    private IEnumerable<OrgSettings> Selected(IReadOnlyList<OrgSettings> orgs)
    {
        if (Name == null) return orgs;
        var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        for (var i = 0; i < Name.Length; i++)
        {
            if (!orgs.Any(o => patterns[i].IsMatch(o.Name)))
            {
                WriteError(new ErrorRecord(new ItemNotFoundException($"No org named '{Name[i]}' is in {SettingsPath}; it names {string.Join(", ", orgs.Select(o => o.Name))}."),
                    ErrorIds.OrgNotInSettings, ErrorCategory.ObjectNotFound, Name[i]));
            }
        }
        return orgs.Where(o => patterns.Any(p => p.IsMatch(o.Name)));
    }

    /// <summary>Connects (and proves) every org, a few at a time; each result is the connection or why it failed, in the given order.</summary>
    private async Task<(OktaConnection? Connection, Exception? Error)[]> ConnectAllAsync(IReadOnlyList<OktaConnectionSettings> all, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(ParallelConnects);
        return await Task.WhenAll(all.Select(async settings =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return ((OktaConnection?)await OktaConnectionFactory.ConnectAsync(settings, cancellationToken, null, Messages).ConfigureAwait(false), (Exception?)null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return (null, ex);
            }
            finally
            {
                gate.Release();
            }
        })).ConfigureAwait(false);
    }

    /// <summary>One org failed: a non-terminating error whose target is the org's name, so the others still connect.</summary>
    private void WriteOrgError(OrgSettings org, Exception exception)
    {
        var record = exception is CommandNotFoundException
            ? new ErrorRecord(exception, ErrorIds.SecretManagementMissing, ErrorCategory.NotInstalled, org.Name)
            : ErrorRecords.From(exception, org.Name);
        var message = exception.Message.StartsWith("Org '", StringComparison.Ordinal) ? exception.Message : $"Org '{org.Name}' ({org.OrgUrl}): {exception.Message}";
        record.ErrorDetails = new ErrorDetails(message);
        WriteError(record);
    }

    /// <summary>
    /// The secret from `Get-Secret -Vault v -Name n`, run in the caller's session so any registered
    /// vault works. Without the command: a CommandNotFoundException naming the module to install.
    /// </summary>
    private string? ReadFromVault(CredentialSource source)
    {
        if (InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function | CommandTypes.Alias) == null)
        {
            throw new CommandNotFoundException(
                $"Get-Secret was not found, so the {source} cannot be read. Install and import the Microsoft.PowerShell.SecretManagement module " +
                "(Install-Module Microsoft.PowerShell.SecretManagement) and register the vault with Register-SecretVault.");
        }
        Collection<PSObject> output;
        try
        {
            output = InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($Vault, $Name) Get-Secret -Vault $Vault -Name $Name -ErrorAction Stop"), null, source.Vault, source.SecretName);
        }
        catch (RuntimeException ex)
        {
            throw new MissingCredentialException($"Get-Secret could not read the {source}: {ex.Message}");
        }
        return output.Select(o => o?.BaseObject).FirstOrDefault(o => o != null) switch
        {
            null => null,
            SecureString secure => SecureStrings.ToPlain(secure),
            string text => text,
            PSCredential credential => SecureStrings.ToPlain(credential.Password),
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            var other => throw new MissingCredentialException($"The {source} is a {other.GetType().Name}; store the secret as a string or SecureString."),
        };
    }
}
