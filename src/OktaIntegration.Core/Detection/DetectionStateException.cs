using System;

namespace OktaIntegration.Core.Detection;

/// <summary>Why a detection state file cannot be used.</summary>
public enum DetectionStateProblem
{
    /// <summary>Another run holds the file's lock.</summary>
    InUse,

    /// <summary>The file belongs to another org.</summary>
    Mismatch,

    /// <summary>The file is damaged or not a state file; it is left untouched.</summary>
    Damaged,
}

/// <summary>A -StatePath file that cannot be used, with what to do about it.</summary>
public sealed class DetectionStateException : Exception
{
    public DetectionStateException(DetectionStateProblem problem, string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Path = path;
    }

    public DetectionStateProblem Problem { get; }

    public string Path { get; }
}
