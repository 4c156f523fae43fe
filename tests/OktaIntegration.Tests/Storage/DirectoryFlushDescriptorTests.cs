using System.IO;
using System.Runtime.InteropServices;
using OktaIntegration.Core.Storage;
using Xunit;

namespace OktaIntegration.Tests.Storage;

/// <summary>The folder flush opens a descriptor per save: every one is closed, the folder found or not.</summary>
public class DirectoryFlushDescriptorTests
{
    [Fact]
    public void DirectoryFlush_leaves_no_descriptor_open()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return;
        var folder = Directory.CreateTempSubdirectory("okta-flush-fd-").FullName;
        try
        {
            Assert.True(DirectoryFlush.Flush(folder));
            var before = Directory.GetFiles("/proc/self/fd").Length;
            for (var i = 0; i < 300; i++)
            {
                DirectoryFlush.Flush(folder);
                DirectoryFlush.Flush(Path.Combine(folder, "missing"));
            }
            Assert.InRange(Directory.GetFiles("/proc/self/fd").Length, 0, before + 20);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
