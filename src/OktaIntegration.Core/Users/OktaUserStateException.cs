using System;

namespace OktaIntegration.Core.Users;

/// <summary>
/// A lifecycle call is not possible from the user's current status (Okta suspends only ACTIVE
/// users and unsuspends only SUSPENDED ones). Nothing was changed.
/// </summary>
public sealed class OktaUserStateException : InvalidOperationException
{
    public OktaUserStateException(OktaUser user, UserLifecycleOperation operation, Exception? innerException = null)
        : base($"Cannot {operation.PathSegment} {user.DisplayName}: the user is {user.Status}, and Okta can {operation.PathSegment} only {operation.RequiredStatus} users. Nothing was changed.",
            innerException)
    {
        UserId = user.Id;
        Login = user.Login;
        Status = user.Status;
        Operation = operation;
    }

    public string UserId { get; }

    public string? Login { get; }

    public string Status { get; }

    public UserLifecycleOperation Operation { get; }
}
