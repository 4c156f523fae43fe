using System;
using System.IO;
using System.Runtime.InteropServices;
using OktaIntegration.Core.Storage;
using Xunit;

namespace OktaIntegration.Tests.Storage;

/// <summary>
/// The folder flush after a state file's rename. A power cut cannot be staged here; what can be
/// proved is that on Linux (where CI runs) the call really reaches fsync of the folder, and that
/// a folder it cannot open leaves the rename as it was instead of failing the save.
/// </summary>
public class DirectoryFlushTests
{
    [Fact]
    public void A_folder_is_flushed_on_Linux()
    {
        var folder = Directory.CreateTempSubdirectory("okta-flush-").FullName;
        try
        {
            Assert.Equal(RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.IsOSPlatform(OSPlatform.OSX), DirectoryFlush.Flush(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_folder_that_cannot_be_opened_is_not_an_error()
    {
        Assert.False(DirectoryFlush.Flush(Path.Combine(Path.GetTempPath(), "okta-missing-" + Guid.NewGuid().ToString("N"))));
    }

    [Fact]
    public void An_atomic_replacement_still_leaves_only_the_new_file()
    {
        var folder = Directory.CreateTempSubdirectory("okta-flush-").FullName;
        try
        {
            var path = Path.Combine(folder, "state.json");
            LockedFile.ReplaceAtomically(path, s => s.Write(new byte[] { (byte)'1' }, 0, 1));
            LockedFile.ReplaceAtomically(path, s => s.Write(new byte[] { (byte)'2' }, 0, 1));
            Assert.Equal("2", File.ReadAllText(path));
            Assert.Equal(new[] { path }, Directory.GetFiles(folder));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
