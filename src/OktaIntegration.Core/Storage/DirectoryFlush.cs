using System;
using System.IO;
using System.Runtime.InteropServices;

namespace OktaIntegration.Core.Storage;

/// <summary>
/// Makes a rename durable on Linux and macOS. Flushing a file to disk does not flush the
/// directory entry that a rename changed: after a power cut the folder can still name the old
/// file. For a cursor that means an older position, so events already delivered would be sent
/// again, more of them than the README admits for a crash. fsync of the directory itself closes
/// that gap (the usual write, fsync, rename, fsync-the-folder sequence). On Windows, NTFS logs
/// the rename in its own journal and .NET has no directory handle to flush, so nothing is done.
/// </summary>
internal static class DirectoryFlush
{
    // O_RDONLY (0) is enough to fsync a directory; O_CLOEXEC keeps a process started meanwhile from
    // inheriting the descriptor. The flag's value differs between the two systems.
    private const int ReadOnlyCloseOnExecLinux = 0x80000;
    private const int ReadOnlyCloseOnExecMacOs = 0x1000000;

    /// <summary>
    /// Flushes <paramref name="directory"/>'s entries to disk; false where that is not done (Windows)
    /// or not possible (the folder cannot be opened: the rename stands, only its durability is
    /// what it was). Never throws: the file itself was written and flushed before the rename.
    /// </summary>
    public static bool Flush(string directory)
    {
        try
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return Flush(directory, ReadOnlyCloseOnExecLinux, Linux.open, Linux.fsync, Linux.close);
            if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX)) return Flush(directory, ReadOnlyCloseOnExecMacOs, MacOs.open, MacOs.fsync, MacOs.close);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc of another name: durability as before.
        }
        return false;
    }

    private static bool Flush(string directory, int flags, Func<string, int, int> open, Func<int, int> fsync, Func<int, int> close)
    {
        var descriptor = open(directory, flags);
        if (descriptor < 0) return false;
        try
        {
            return fsync(descriptor) == 0;
        }
        finally
        {
            close(descriptor);
        }
    }

    /// <summary>The directory of <paramref name="path"/>, flushed (see <see cref="Flush(string)"/>).</summary>
    public static bool FlushParentOf(string path) => Flush(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");

    private static class Linux
    {
        [DllImport("libc.so.6", SetLastError = true)]
        public static extern int open(string path, int flags);

        [DllImport("libc.so.6", SetLastError = true)]
        public static extern int fsync(int descriptor);

        [DllImport("libc.so.6")]
        public static extern int close(int descriptor);
    }

    private static class MacOs
    {
        [DllImport("libSystem.dylib", SetLastError = true)]
        public static extern int open(string path, int flags);

        [DllImport("libSystem.dylib", SetLastError = true)]
        public static extern int fsync(int descriptor);

        [DllImport("libSystem.dylib")]
        public static extern int close(int descriptor);
    }
}
