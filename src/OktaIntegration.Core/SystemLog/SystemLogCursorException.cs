using System;

namespace OktaIntegration.Core.SystemLog;

/// <summary>Why a cursor file cannot be used.</summary>
public enum CursorProblem
{
    /// <summary>Another run holds the file's lock.</summary>
    InUse,

    /// <summary>The file belongs to another org or another query.</summary>
    Mismatch,

    /// <summary>The file is not a cursor this module wrote.</summary>
    Unreadable,

    /// <summary>The cursor (or the temporary file saves go through) cannot be written: a read-only folder or file, or a folder given as the path.</summary>
    NotWritable,
}

/// <summary>A cursor file that cannot be used, with what to do about it.</summary>
public sealed class SystemLogCursorException : Exception
{
    public SystemLogCursorException(CursorProblem problem, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Path = path;
    }

    public CursorProblem Problem { get; }

    public string Path { get; }
}
