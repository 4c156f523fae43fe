using System;

namespace OktaIntegration.Core.Groups;

/// <summary>
/// A group as Get-OktaGroup writes it. Every property is a scalar so Export-Csv writes clean
/// cells; the AD attributes are filled only for groups imported from Active Directory.
/// </summary>
public sealed class OktaGroup
{
    internal OktaGroup(string id, string name, string? description, string type, DateTimeOffset? created, DateTimeOffset? lastUpdated,
        DateTimeOffset? lastMembershipUpdated, int? memberCount, string? sourceAppId, string? sourceAppName, ActiveDirectoryAttributes ad)
    {
        Id = id;
        Name = name;
        Description = description;
        Type = type;
        Created = created;
        LastUpdated = lastUpdated;
        LastMembershipUpdated = lastMembershipUpdated;
        MemberCount = memberCount;
        SourceAppId = sourceAppId;
        SourceAppName = sourceAppName;
        SamAccountName = ad.SamAccountName;
        DistinguishedName = ad.DistinguishedName;
        WindowsDomainQualifiedName = ad.WindowsDomainQualifiedName;
        ExternalId = ad.ExternalId;
        GroupType = ad.GroupType;
        GroupScope = ad.GroupScope;
        ObjectSid = ad.ObjectSid;
    }

    public string Id { get; }

    public string Name { get; }

    public string? Description { get; }

    /// <summary>OKTA_GROUP, APP_GROUP or BUILT_IN (a string, so a type Okta adds later still shows).</summary>
    public string Type { get; }

    public DateTimeOffset? Created { get; }

    public DateTimeOffset? LastUpdated { get; }

    public DateTimeOffset? LastMembershipUpdated { get; }

    /// <summary>usersCount from expand=stats; null when Okta did not send stats.</summary>
    public int? MemberCount { get; }

    /// <summary>For APP_GROUP: the id of the app (AD/LDAP instance) it was imported from.</summary>
    public string? SourceAppId { get; }

    /// <summary>For APP_GROUP with expand=app: the source app's name, e.g. active_directory.</summary>
    public string? SourceAppName { get; }

    public string? SamAccountName { get; }

    /// <summary>The AD group's dn.</summary>
    public string? DistinguishedName { get; }

    public string? WindowsDomainQualifiedName { get; }

    public string? ExternalId { get; }

    /// <summary>AD groupType (Security / Distribution), not Okta's <see cref="Type"/>.</summary>
    public string? GroupType { get; }

    public string? GroupScope { get; }

    public string? ObjectSid { get; }

    public override string ToString() => $"{Name} ({Id})";
}

/// <summary>The extra profile attributes of a group imported from Active Directory.</summary>
internal sealed class ActiveDirectoryAttributes
{
    public string? SamAccountName { get; set; }

    public string? DistinguishedName { get; set; }

    public string? WindowsDomainQualifiedName { get; set; }

    public string? ExternalId { get; set; }

    public string? GroupType { get; set; }

    public string? GroupScope { get; set; }

    public string? ObjectSid { get; set; }
}
