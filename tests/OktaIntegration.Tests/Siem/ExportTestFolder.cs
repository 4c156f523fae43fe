using System;
using System.IO;

namespace OktaIntegration.Tests.Siem;

/// <summary>
/// Base of the export test classes: a temporary folder per test (xunit makes one instance per
/// test) for cursors and files, with the usual cursor path in it, deleted afterwards.
/// </summary>
public abstract class ExportTestFolder : IDisposable
{
    protected ExportTestFolder(string prefix)
    {
        Dir = Directory.CreateTempSubdirectory(prefix).FullName;
    }

    /// <summary>The test's own folder.</summary>
    protected string Dir { get; }

    /// <summary>The cursor file of a single-org export.</summary>
    protected string Cursor => Path.Combine(Dir, "org.cursor");

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
