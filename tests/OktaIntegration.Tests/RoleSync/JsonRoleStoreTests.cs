using System;
using System.IO;
using System.Linq;
using OktaIntegration.Core.RoleSync;
using Xunit;

namespace OktaIntegration.Tests.RoleSync;

public sealed class JsonRoleStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("okta-rolestore-").FullName;

    private string StorePath => Path.Combine(_folder, "roles.json");

    [Fact]
    public void A_missing_file_is_an_empty_store_and_the_first_commit_creates_it()
    {
        using (var store = JsonRoleStore.Open(StorePath))
        {
            Assert.Empty(store.ReadAssignments());
            store.Apply(Change(RoleChangeAction.CreateUser, "ada@example.com", "00uAda", null));
            store.Apply(Change(RoleChangeAction.Grant, "ada@example.com", "00uAda", "Administrator"));
            Assert.False(File.Exists(StorePath)); // nothing is written before Commit
            store.Commit();
        }

        using var reopened = JsonRoleStore.Open(StorePath);
        var ada = Assert.Single(reopened.ReadAssignments());
        Assert.Equal(("ada@example.com", "00uAda", "Administrator"), (ada.Login, ada.UserId, Assert.Single(ada.Roles)));
        Assert.False(File.Exists(StorePath + ".previous"));
    }

    [Fact]
    public void Commit_replaces_the_file_whole_keeps_the_previous_version_and_leaves_no_temp_file()
    {
        using (var store = JsonRoleStore.Open(StorePath))
        {
            store.Apply(Change(RoleChangeAction.Grant, "ada@example.com", "00uAda", "Administrator"));
            store.Commit();
        }
        var firstVersion = File.ReadAllText(StorePath);
        using (var store = JsonRoleStore.Open(StorePath))
        {
            store.Apply(Change(RoleChangeAction.Revoke, "ada@example.com", "00uAda", "Administrator"));
            store.Apply(Change(RoleChangeAction.Grant, "bob@example.com", null, "Helpdesk"));
            store.Apply(Change(RoleChangeAction.RemoveUser, "ada@example.com", "00uAda", null));
            store.Commit();
        }

        Assert.Equal(firstVersion, File.ReadAllText(StorePath + ".previous"));
        Assert.Contains("\"bob@example.com\"", File.ReadAllText(StorePath));
        Assert.DoesNotContain("ada@example.com", File.ReadAllText(StorePath));
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
        Assert.Equal(new[] { "roles.json", "roles.json.lock", "roles.json.previous" }, Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Changes_that_are_not_committed_leave_the_file_as_it_was()
    {
        File.WriteAllText(StorePath, "{\"schema\":1,\"users\":[{\"login\":\"ada@example.com\",\"userId\":null,\"roles\":[\"Administrator\"]}]}");
        var before = File.ReadAllText(StorePath);
        using (var store = JsonRoleStore.Open(StorePath))
        {
            store.Apply(Change(RoleChangeAction.Revoke, "ada@example.com", null, "Administrator"));
        }
        Assert.Equal(before, File.ReadAllText(StorePath));
    }

    [Fact]
    public void A_second_open_while_the_first_holds_the_lock_fails_and_succeeds_after_release()
    {
        var first = JsonRoleStore.Open(StorePath);
        var ex = Assert.Throws<RoleStoreException>(() => JsonRoleStore.Open(StorePath));
        Assert.Equal(RoleStoreProblem.Locked, ex.Problem);
        Assert.Contains("another Sync-OktaGroupRole run", ex.Message);
        first.Dispose();

        // The lock file stays behind, but the lock is the open handle, so it is not stale.
        Assert.True(File.Exists(StorePath + ".lock"));
        using var second = JsonRoleStore.Open(StorePath);
        Assert.Empty(second.ReadAssignments());
    }

    [Theory]
    [InlineData("{\"users\": [ {\"login\": \"a\", ", "invalid JSON")]
    [InlineData("[1, 2]", "\"users\" array")]
    [InlineData("{\"users\": [ {\"roles\": [\"x\"]} ]}", "neither \"login\" nor \"userId\"")]
    [InlineData("{\"users\": [ {\"login\": \"a\", \"roles\": \"x\"} ]}", "list of strings")]
    [InlineData("{\"schema\": 7, \"users\": []}", "newer")]
    [InlineData("{\"users\": [ {\"login\": \"ada@example.com\", \"roles\": [\"x\"]}, {\"login\": \"ADA@example.com\", \"roles\": []} ]}", "user 2 repeats the login \"ADA@example.com\" of user 1")]
    [InlineData("{\"users\": [ {\"login\": \"a\", \"userId\": \"00u1\"}, {\"login\": \"b\", \"userId\": \"00u1\"} ]}", "user 2 repeats the userId \"00u1\" of user 1")]
    public void A_corrupt_file_is_a_clear_error_that_changes_nothing_and_releases_the_lock(string content, string expected)
    {
        File.WriteAllText(StorePath, content);
        var ex = Assert.Throws<RoleStoreException>(() => JsonRoleStore.Open(StorePath));
        Assert.Equal(RoleStoreProblem.Corrupt, ex.Problem);
        Assert.Contains(expected, ex.Message);
        Assert.Contains(".previous", ex.Message);
        Assert.Equal(content, File.ReadAllText(StorePath));
        File.WriteAllText(StorePath, "{\"users\":[]}");
        using var fixedStore = JsonRoleStore.Open(StorePath); // the failed open did not keep the lock
    }

    [Fact]
    public void A_store_saved_with_a_utf8_byte_order_mark_is_read()
    {
        File.WriteAllText(StorePath, "{\"schema\": 1, \"users\": [ {\"login\": \"ada@example.com\", \"userId\": \"00uAda\", \"roles\": [\"Administrator\"]} ]}",
            new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0xEF, File.ReadAllBytes(StorePath)[0]);
        using var store = JsonRoleStore.Open(StorePath);
        var ada = Assert.Single(store.ReadAssignments());
        Assert.Equal(("ada@example.com", "Administrator"), (ada.Login, Assert.Single(ada.Roles)));
    }

    [Fact]
    public void Temp_files_left_by_a_killed_run_are_removed_on_the_next_open_and_others_are_kept()
    {
        var stale = new[] { Path.Combine(_folder, ".roles.json.1a2b3c4d.tmp"), Path.Combine(_folder, ".roles.json.deadbeef.tmp") };
        foreach (var file in stale) File.WriteAllText(file, "{\"users\": [");
        var unrelated = Path.Combine(_folder, ".other.json.1a2b3c4d.tmp");
        File.WriteAllText(unrelated, "keep");
        using (JsonRoleStore.Open(StorePath))
        {
            Assert.All(stale, f => Assert.False(File.Exists(f)));
        }
        Assert.True(File.Exists(unrelated));
    }

    private static OktaRoleChange Change(RoleChangeAction action, string login, string? id, string? role) =>
        new(action, login, id, role, "test");

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
