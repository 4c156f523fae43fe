using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using OktaIntegration.Core.Json;
using OktaIntegration.Core.Storage;

namespace OktaIntegration.Core.RoleSync;

/// <summary>
/// The built-in role target: a JSON file of users and their roles, for demos, tests and as an
/// auditable record for systems fed by file. Opening it takes an exclusive OS lock on
/// <c>&lt;file&gt;.lock</c> for the whole run, so overlapping runs fail fast instead of
/// interleaving. Changes are held in memory and written once by <see cref="Commit"/>: to a temp
/// file in the same folder, flushed to disk, then swapped in by rename, with the version it
/// replaces kept as <c>&lt;file&gt;.previous</c>. A crash or a failed change therefore leaves
/// either the old file or the new one, never half of either; temp files a killed run left are
/// removed when the store is next opened. The lock file stays after the run (deleting it would
/// let two runs each lock a different file of the same name). A preview (-WhatIf) opens the store
/// with <see cref="OpenForPreview"/>, which creates, changes and deletes nothing.
/// </summary>
public sealed class JsonRoleStore : IRoleTarget, IDisposable
{
    private const int SchemaVersion = 1;
    private readonly FileStream? _lock;
    // Indexed by id and login so a first sync of a large group stays linear, not quadratic.
    private readonly HashSet<StoredUser> _users;
    private readonly Dictionary<string, StoredUser> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredUser> _byLogin = new(StringComparer.OrdinalIgnoreCase);
    private bool _dirty;

    private JsonRoleStore(string path, FileStream? lockHandle, List<StoredUser> users)
    {
        Path = path;
        _lock = lockHandle;
        _users = new HashSet<StoredUser>();
        foreach (var user in users) Add(user);
    }

    public string Path { get; }

    public string PreviousPath => Path + ".previous";

    public string LockPath => Path + ".lock";

    public string Description => "role store " + Path;

    public bool CanCreateUsers => true;

    public bool CanRemoveUsers => true;

    /// <summary>Locks and reads the store; a missing file is an empty store (created on the first commit).</summary>
    public static JsonRoleStore Open(string path)
    {
        var full = FullPath(path);
        FileStream lockHandle;
        try
        {
            // The lock is the open handle (FileShare.None: LockFileEx on Windows, flock on Unix),
            // not the file's existence, so a crashed run leaves no stale lock behind.
            lockHandle = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex is not FileNotFoundException && ex is not DirectoryNotFoundException)
        {
            throw Locked(full, ex);
        }
        try
        {
            RemoveStaleTemps(full);
            var users = File.Exists(full) ? Read(full) : new List<StoredUser>();
            return new JsonRoleStore(full, lockHandle, users);
        }
        catch
        {
            lockHandle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the store for a preview (-WhatIf) without creating, changing or deleting any file: no
    /// lock file is created and the temp files of killed runs are left for the next real run. A
    /// store that another run holds is refused as <see cref="RoleStoreProblem.Locked"/>, as the real
    /// run would be; the lock is only probed, never kept, so a preview cannot make a real run fail.
    /// The store it returns refuses <see cref="Apply"/> and <see cref="Commit"/>.
    /// </summary>
    public static JsonRoleStore OpenForPreview(string path)
    {
        var full = FullPath(path);
        if (LockedFile.IsHeld(full, out var busy)) throw Locked(full, busy);
        return new JsonRoleStore(full, null, File.Exists(full) ? Read(full) : new List<StoredUser>());
    }

    private static string FullPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("The role store path is empty; give -StatePath a file such as ./roles.json.");
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full);
        if (folder != null && !Directory.Exists(folder))
            throw new DirectoryNotFoundException($"The folder of the role store '{full}' does not exist; create it first.");
        return full;
    }

    private static RoleStoreException Locked(string full, Exception? cause) =>
        new(full, RoleStoreProblem.Locked,
            $"The role store '{full}' is in use by another Sync-OktaGroupRole run (its lock file '{full}.lock' is held). Wait for that run to finish; runs must not overlap.", cause);

    /// <summary>
    /// Deletes the temp files of commits that never finished (the process was killed between
    /// creating and renaming them). Safe because this run holds the lock: no other run is writing one.
    /// </summary>
    private static void RemoveStaleTemps(string full)
    {
        var folder = System.IO.Path.GetDirectoryName(full)!;
        foreach (var stale in Directory.EnumerateFiles(folder, TempPrefix(full) + "*.tmp"))
        {
            try
            {
                File.Delete(stale);
            }
            catch (IOException)
            {
                // Held open by another program (a virus scanner); the next run tries again.
            }
        }
    }

    private static string TempPrefix(string full) => "." + System.IO.Path.GetFileName(full) + ".";

    public IReadOnlyList<RoleHolder> ReadAssignments() =>
        _users.OrderBy(u => u.Login, StringComparer.OrdinalIgnoreCase).Select(u => new RoleHolder(u.Login, u.UserId, u.Roles)).ToList();

    public void Apply(OktaRoleChange change)
    {
        RefuseIfPreview();
        var user = Find(change.Login, change.UserId);
        switch (change.ActionKind)
        {
            case RoleChangeAction.CreateUser:
                if (user == null) Add(new StoredUser(change.Login, change.UserId, new List<string>()));
                break;
            case RoleChangeAction.Grant:
                if (user == null) Add(user = new StoredUser(change.Login, change.UserId, new List<string>()));
                if (!user.Roles.Contains(change.Role!, StringComparer.OrdinalIgnoreCase)) user.Roles.Add(change.Role!);
                if (user.UserId == null && change.UserId != null)
                {
                    user.UserId = change.UserId;
                    _byId[change.UserId] = user;
                }
                break;
            case RoleChangeAction.Revoke:
                user?.Roles.RemoveAll(r => string.Equals(r, change.Role, StringComparison.OrdinalIgnoreCase));
                break;
            case RoleChangeAction.RemoveUser:
                if (user != null) Remove(user);
                break;
        }
        _dirty = true;
    }

    public void Commit()
    {
        if (!_dirty) return;
        RefuseIfPreview();
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var temp = System.IO.Path.Combine(folder, TempPrefix(Path) + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                Write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (File.Exists(Path)) File.Replace(temp, Path, PreviousPath, ignoreMetadataErrors: true);
            else File.Move(temp, Path);
            DirectoryFlush.Flush(folder); // so the rename survives a power cut, not only the file's bytes
            _dirty = false;
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public void Dispose() => _lock?.Dispose();

    /// <summary>A store opened for a preview holds no lock, so writing it could interleave with a real run.</summary>
    private void RefuseIfPreview()
    {
        if (_lock == null) throw new InvalidOperationException($"The role store '{Path}' was opened for a preview (-WhatIf) and cannot be changed.");
    }

    private StoredUser? Find(string login, string? userId) =>
        (userId != null && _byId.TryGetValue(userId, out var byId) ? byId : null)
        ?? (login.Length > 0 && _byLogin.TryGetValue(login, out var byLogin) ? byLogin : null);

    private void Add(StoredUser user)
    {
        _users.Add(user);
        if (user.UserId != null && !_byId.ContainsKey(user.UserId)) _byId[user.UserId] = user;
        if (user.Login.Length > 0 && !_byLogin.ContainsKey(user.Login)) _byLogin[user.Login] = user;
    }

    private void Remove(StoredUser user)
    {
        _users.Remove(user);
        if (user.UserId != null && _byId.TryGetValue(user.UserId, out var a) && ReferenceEquals(a, user)) _byId.Remove(user.UserId);
        if (_byLogin.TryGetValue(user.Login, out var b) && ReferenceEquals(b, user)) _byLogin.Remove(user.Login);
    }

    private void Write(Stream stream)
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("schema", SchemaVersion);
        writer.WriteString("updatedAt", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteStartArray("users");
        foreach (var user in _users.OrderBy(u => u.Login, StringComparer.OrdinalIgnoreCase))
        {
            writer.WriteStartObject();
            writer.WriteString("login", user.Login);
            if (user.UserId != null) writer.WriteString("userId", user.UserId);
            else writer.WriteNull("userId");
            writer.WriteStartArray("roles");
            foreach (var role in user.Roles.OrderBy(r => r, StringComparer.OrdinalIgnoreCase)) writer.WriteStringValue(role);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static List<StoredUser> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        string Corrupt(string detail) =>
            $"The role store '{path}' is not a valid role store: {detail}. It was not changed. Fix it, or restore the last good version from '{path}.previous'.";
        try
        {
            using var doc = JsonDocument.Parse(Utf8Bom.Skip(bytes));
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("users", out var users) || users.ValueKind != JsonValueKind.Array)
                throw new RoleStoreException(path, RoleStoreProblem.Corrupt, Corrupt("it needs an object with a \"users\" array"));
            if (root.TryGetProperty("schema", out var schema) && (!schema.TryGetInt32(out var version) || version > SchemaVersion))
                throw new RoleStoreException(path, RoleStoreProblem.Corrupt, Corrupt($"schema {schema.GetRawText()} is newer than this module understands ({SchemaVersion})"));
            var list = new List<StoredUser>();
            // Where each login and id was first listed: a user listed twice has two role lists,
            // and picking one would half-apply the file.
            var logins = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var index = 0;
            foreach (var user in users.EnumerateArray())
            {
                index++;
                var login = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("login", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                var id = user.ValueKind == JsonValueKind.Object && user.TryGetProperty("userId", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                if (string.IsNullOrWhiteSpace(login) && string.IsNullOrWhiteSpace(id))
                    throw new RoleStoreException(path, RoleStoreProblem.Corrupt, Corrupt($"user {index} has neither \"login\" nor \"userId\""));
                var roles = new List<string>();
                if (user.TryGetProperty("roles", out var r))
                {
                    if (r.ValueKind != JsonValueKind.Array || r.EnumerateArray().Any(x => x.ValueKind != JsonValueKind.String))
                        throw new RoleStoreException(path, RoleStoreProblem.Corrupt, Corrupt($"the \"roles\" of user {index} must be a list of strings"));
                    roles.AddRange(r.EnumerateArray().Select(x => x.GetString()!));
                }
                if (!string.IsNullOrWhiteSpace(login) && logins.TryGetValue(login!, out var firstByLogin))
                    throw new RoleStoreException(path, RoleStoreProblem.Corrupt, Corrupt($"user {index} repeats the login \"{login}\" of user {firstByLogin}; list each user once with all their roles"));
                if (!string.IsNullOrWhiteSpace(id) && ids.TryGetValue(id!, out var firstById))
                    throw new RoleStoreException(path, RoleStoreProblem.Corrupt, Corrupt($"user {index} repeats the userId \"{id}\" of user {firstById}; list each user once with all their roles"));
                if (!string.IsNullOrWhiteSpace(login)) logins[login!] = index;
                if (!string.IsNullOrWhiteSpace(id)) ids[id!] = index;
                list.Add(new StoredUser(login ?? string.Empty, id, roles));
            }
            return list;
        }
        catch (JsonException ex)
        {
            throw new RoleStoreException(path, RoleStoreProblem.Corrupt, Corrupt($"invalid JSON at line {ex.LineNumber + 1} ({ex.Message})"), ex);
        }
    }

    private sealed class StoredUser
    {
        public StoredUser(string login, string? userId, List<string> roles)
        {
            Login = login;
            UserId = userId;
            Roles = roles;
        }

        public string Login { get; }

        public string? UserId { get; set; }

        public List<string> Roles { get; }
    }
}
