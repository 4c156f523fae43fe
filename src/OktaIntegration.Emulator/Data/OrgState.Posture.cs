using System;
using OktaIntegration.Emulator.Posture;

namespace OktaIntegration.Emulator.Data;

/// <summary>Posture data (factors, admin roles, API tokens, group rules, ThreatInsight) and the groups the posture seed adds.</summary>
public sealed partial class OrgState
{
    private PostureState? _posture;

    public PostureState Posture
    {
        get { lock (Gate) return _posture ??= new PostureState(StableSeed(OrgId)); }
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is not), so the same seed gives the same posture ids.</summary>
    private static int StableSeed(string text)
    {
        unchecked
        {
            var hash = 17;
            foreach (var c in text) hash = hash * 31 + c;
            return hash;
        }
    }

    /// <summary>Adds a group with an id from the posture id source, so the seeded groups and zones keep their ids.</summary>
    internal EmulatedGroup AddPostureGroup(string name, string description, DateTimeOffset created)
    {
        lock (Gate)
        {
            var group = new EmulatedGroup(Posture.Ids.Next("00g"), "OKTA_GROUP", name, description, created);
            _groups[group.Id] = group;
            _groupOrder.Add(group.Id);
            return group;
        }
    }
}
