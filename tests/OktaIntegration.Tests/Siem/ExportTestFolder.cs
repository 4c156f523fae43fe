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

    /// <summary>A folder for the NDJSON files of the test's export, made on first use.</summary>
    protected string Out
    {
        get
        {
            var d = Path.Combine(Dir, "out");
            Directory.CreateDirectory(d);
            return d;
        }
    }

    /// <summary>The cursor file of a single-org export.</summary>
    protected string Cursor => Path.Combine(Dir, "org.cursor");

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }
}
