using System;
using System.Management.Automation;
using OktaIntegration.Core.Http;
using OktaIntegration.Core.Posture;
using OktaIntegration.Core.Users;
using OktaIntegration.Infrastructure;

namespace OktaIntegration.Commands;

/// <summary>
/// <para type="synopsis">Gets the factors Okta users have enrolled, with how phishing-resistant each one is.</para>
/// <para type="description">One call per user (GET /api/v1/users/{id}/factors). Takes users from the pipeline (Get-OktaUser, Get-OktaGroupMember, Get-OktaAdminAssignment). Strength comes from the module's factor-strength table: FIDO2/WebAuthn, U2F and Okta FastPass are PhishingResistant; push, TOTP and hardware tokens Strong; SMS, voice, email and security question Weak.</para>
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaUserFactor", HelpUri = HelpLinks.Base + "Get-OktaUserFactor.md")]
[OutputType(typeof(OktaUserFactor))]
public sealed class GetOktaUserFactorCommand : OktaConnectedCmdlet
{
    /// <summary>
    /// The user's id (00u…); binds Id, UserId or ActorId from piped objects. Null and blank pass
    /// binding so that an admin assignment held by a group (its UserId is empty) is refused as a
    /// group, and a blank id is an error naming the input rather than a validation failure.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ActorId", "Id", "Login")]
    [AllowNull]
    [AllowEmptyString]
    public string? UserId { get; set; }

    /// <summary>The piped object itself: to refuse a group whose Id bound -UserId, and to fill each factor's Login from the login it carries (users, group members, admin assignments) without another request.</summary>
    [Parameter(ValueFromPipeline = true, DontShow = true)]
    public PSObject? InputObject { get; set; }

    private bool _userIdFromCommandLine;

    protected override void BeginProcessing()
    {
        // Only command-line parameters are bound yet: an id given there is not the piped object's.
        _userIdFromCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(UserId));
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var piped = _userIdFromCommandLine ? null : InputObject;
        if (InputKindCheck.NotAUser(piped, UserId, nameof(UserId), MyInvocation.MyCommand.Name) is { } notAUser)
        {
            WriteError(notAUser);
            return;
        }
        var key = (UserId ?? string.Empty).Trim();
        if (key.Length == 0)
        {
            WriteError(ResponseErrorRecords.BlankUserId(UserId, nameof(UserId), PipedLogin.Of(piped)));
            return;
        }
        try
        {
            var users = new UserReader(ActiveConnection.Transport);
            // Anything but a user id is looked up first (a login, or its short name, which may start
            // with "00u" too): the factors path takes only ids.
            var user = OktaIds.IsUserId(key) ? null : Run(ct => users.GetAsync(key, ct));
            // A piped object's login labels the id only when that id came from the same object.
            var login = user?.Login ?? (_userIdFromCommandLine ? null : PipedLogin.Of(InputObject));
            var factors = Run(ct => new FactorReader(ActiveConnection.Transport).ListAsync(user?.Id ?? key, login, ct));
            foreach (var factor in factors) WriteObject(factor);
        }
        catch (OktaUserNotFoundException ex)
        {
            WriteError(new ErrorRecord(ex, ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, key));
        }
        catch (Exception ex) when (ex is OktaApiException || ex is ArgumentException || ex is CrossOriginException)
        {
            WriteItemError(ex, key);
        }
    }
}
