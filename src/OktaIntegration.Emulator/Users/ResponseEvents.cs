using Microsoft.AspNetCore.Http;
using OktaIntegration.Emulator.Auth;
using OktaIntegration.Emulator.Data;

namespace OktaIntegration.Emulator.Users;

/// <summary>Builds the log events of admin actions: who did it (the token's admin or the OAuth app), to what, from where.</summary>
internal static class ResponseEvents
{
    public static EmulatedLogEvent For(HttpContext context, OrgState org, string eventType, string displayMessage, params LogEventParty[] targets) =>
        new(eventType, displayMessage, ActorOf(context, org), targets, context.Connection.RemoteIpAddress?.ToString(),
            context.Response.Headers["X-Okta-Request-Id"].ToString());

    public static LogEventParty UserTarget(EmulatedUser user) =>
        new(user.Id, "User", user.Login, user.FirstName + " " + user.LastName);

    /// <summary>An SSWS token acts as the admin who created it (the org's first user, as /users/me reports); an OAuth token acts as its app.</summary>
    private static LogEventParty ActorOf(HttpContext context, OrgState org)
    {
        var principal = EmulatorPrincipal.Of(context);
        if (principal?.Kind == "OAUTH") return new LogEventParty(principal.Id, "PublicClientApp", principal.Id, principal.Id);
        var admin = org.Users[0];
        return UserTarget(admin);
    }
}
