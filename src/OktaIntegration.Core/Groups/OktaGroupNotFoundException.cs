using System;

namespace OktaIntegration.Core.Groups;

/// <summary>A group named by id or name does not exist in the org (or the caller can't see it).</summary>
public sealed class OktaGroupNotFoundException : Exception
{
    public OktaGroupNotFoundException(string groupKey, string message)
        : base(message)
    {
        GroupKey = groupKey;
    }

    /// <summary>The id or name that was looked for.</summary>
    public string GroupKey { get; }
}
