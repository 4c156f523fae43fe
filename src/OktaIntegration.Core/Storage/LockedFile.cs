using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace OktaIntegration.Core.Storage;

/// <summary>
/// The two file disciplines every state file of a scheduled run needs (the System Log cursor, the
/// threat-detection state): an exclusive lock held for the whole run — a sibling <c>.lock</c> file
/// opened without sharing, so an overlapping run is refused at once instead of interleaving — and
/// atomic replacement — write a temporary file, flush it to disk, rename it over the old one, flush
/// the folder, so a crash or power cut leaves the previous file or the new one, never half of one.
/// </summary>
public static class LockedFile
{
    /// <summary>
    /// Takes the lock of <paramref name="fullPath"/> (its <c>.lock</c> sibling) and writes who holds
    /// it into the lock file, for an admin looking at the folder. Returns null when another process
    /// holds it; the caller turns that into its own error.
    /// </summary>
    public static FileStream? TryLock(string fullPath, out IOException? busy)
    {
        busy = null;
        FileStream lockStream;
        try
        {
            lockStream = new FileStream(fullPath + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        // A missing folder or a too-long path is not "busy": those propagate, as does
        // UnauthorizedAccessException (a folder the run may not write), for the caller to name.
        catch (IOException ex) when (ex is not FileNotFoundException && ex is not DirectoryNotFoundException && ex is not PathTooLongException)
        {
            busy = ex;
            return null;
        }
        try
        {
            var owner = Encoding.UTF8.GetBytes($"pid {Process.GetCurrentProcess().Id} since {DateTimeOffset.UtcNow:o}\n");
            lockStream.SetLength(0);
            lockStream.Write(owner, 0, owner.Length);
            lockStream.Flush();
            return lockStream;
        }
        catch
        {
            lockStream.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether another process holds the lock of <paramref name="fullPath"/>, found out without
    /// creating or changing any file (for a -WhatIf preview). A missing lock file is held by no one,
    /// since every holder creates it; an existing one is opened for a moment with sharing allowed,
    /// which fails only while a holder has it open without sharing. The probe never keeps the lock.
    /// </summary>
    public static bool IsHeld(string fullPath, out IOException? busy)
    {
        busy = null;
        try
        {
            using (new FileStream(fullPath + ".lock", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None))
            {
                return false;
            }
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (IOException ex) when (ex is not DirectoryNotFoundException && ex is not PathTooLongException)
        {
            busy = ex;
            return true;
        }
    }

    /// <summary>Writes <paramref name="path"/> atomically: temporary file, flushed to disk, renamed over the old one, the folder flushed so the rename survives a power cut too.</summary>
    public static void ReplaceAtomically(string path, Action<Stream> write)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.None))
        {
            write(stream);
            stream.Flush(flushToDisk: true);
        }
        if (File.Exists(path)) File.Replace(temp, path, null);
        else File.Move(temp, path);
        DirectoryFlush.FlushParentOf(path);
    }
}
