namespace OktaIntegration.Core.Users;

/// <summary>
/// A lifecycle call and its state rule: Okta allows it only from <see cref="RequiredStatus"/> and
/// it leads to <see cref="TargetStatus"/>; from anywhere else Okta answers 400.
/// </summary>
public sealed class UserLifecycleOperation
{
    public static readonly UserLifecycleOperation Suspend = new("suspend", "Suspend", "ACTIVE", "SUSPENDED");

    public static readonly UserLifecycleOperation Unsuspend = new("unsuspend", "Unsuspend", "SUSPENDED", "ACTIVE");

    private UserLifecycleOperation(string pathSegment, string name, string requiredStatus, string targetStatus)
    {
        PathSegment = pathSegment;
        Name = name;
        RequiredStatus = requiredStatus;
        TargetStatus = targetStatus;
    }

    /// <summary>The last segment of /api/v1/users/{id}/lifecycle/…</summary>
    public string PathSegment { get; }

    public string Name { get; }

    public string RequiredStatus { get; }

    public string TargetStatus { get; }

    public override string ToString() => Name;
}
