using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaIntegration.Emulator.Data;

/// <summary>
/// The emulated org's data: users, groups and memberships. Endpoints read and change it under its
/// lock; tests change it between requests (move a user out of a group, suspend someone).
/// </summary>
public sealed partial class OrgState
{
    private readonly Dictionary<string, EmulatedUser> _users = new(StringComparer.Ordinal);
    private readonly List<string> _userOrder = new();
    private readonly Dictionary<string, EmulatedGroup> _groups = new(StringComparer.Ordinal);
    private readonly List<string> _groupOrder = new();

    public OrgState(int seed)
    {
        Ids = new OktaIds(seed);
        OrgId = Ids.Next("00o");
    }

    /// <summary>Take this lock around any read-modify of several objects.</summary>
    public object Gate { get; } = new();

    public OktaIds Ids { get; }

    public string OrgId { get; }

    public IReadOnlyList<EmulatedUser> Users
    {
        get { lock (Gate) return _userOrder.Select(id => _users[id]).ToList(); }
    }

    public IReadOnlyList<EmulatedGroup> Groups
    {
        get { lock (Gate) return _groupOrder.Select(id => _groups[id]).ToList(); }
    }

    public EmulatedUser AddUser(string login, string firstName, string lastName, string status, DateTimeOffset created)
    {
        lock (Gate)
        {
            var user = new EmulatedUser(Ids.Next("00u"), login, firstName, lastName, status, created);
            _users[user.Id] = user;
            _userOrder.Add(user.Id);
            return user;
        }
    }

    public EmulatedGroup AddGroup(string type, string name, string? description, DateTimeOffset created)
    {
        lock (Gate)
        {
            var group = new EmulatedGroup(Ids.Next("00g"), type, name, description, created);
            _groups[group.Id] = group;
            _groupOrder.Add(group.Id);
            return group;
        }
    }

    /// <summary>Finds a user by id, login, or login's short name (the part before @), as GET /users/{idOrLogin} does.</summary>
    public EmulatedUser? FindUser(string idOrLogin)
    {
        lock (Gate)
        {
            if (_users.TryGetValue(idOrLogin, out var byId)) return byId;
            return _users.Values.FirstOrDefault(u => string.Equals(u.Login, idOrLogin, StringComparison.OrdinalIgnoreCase))
                ?? _users.Values.FirstOrDefault(u => string.Equals(u.Login.Split('@')[0], idOrLogin, StringComparison.OrdinalIgnoreCase));
        }
    }

    public EmulatedGroup? FindGroup(string id)
    {
        lock (Gate) return _groups.TryGetValue(id, out var g) ? g : null;
    }

    public EmulatedGroup? FindGroupByName(string name)
    {
        lock (Gate) return _groups.Values.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.Ordinal));
    }

    public void AddMember(EmulatedGroup group, EmulatedUser user)
    {
        lock (Gate)
        {
            if (group.MemberIds.Contains(user.Id)) return;
            group.MemberIds.Add(user.Id);
            group.LastMembershipUpdated = DateTimeOffset.UtcNow;
        }
    }

    public bool RemoveMember(EmulatedGroup group, EmulatedUser user)
    {
        lock (Gate)
        {
            var removed = group.MemberIds.Remove(user.Id);
            if (removed) group.LastMembershipUpdated = DateTimeOffset.UtcNow;
            return removed;
        }
    }

    public IReadOnlyList<EmulatedUser> MembersOf(EmulatedGroup group)
    {
        lock (Gate) return group.MemberIds.Select(id => _users[id]).ToList();
    }
}
