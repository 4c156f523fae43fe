using System;

namespace OktaIntegration.Core.RoleSync;

/// <summary>The role store file can't be used: it is locked by another run, or it is not a valid store. It was not changed.</summary>
public sealed class RoleStoreException : Exception
{
    public RoleStoreException(string path, RoleStoreProblem problem, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public RoleStoreProblem Problem { get; }
}

/// <summary>Why the role store can't be used.</summary>
public enum RoleStoreProblem
{
    /// <summary>Another run holds the lock file.</summary>
    Locked,

    /// <summary>The file is not valid JSON or not shaped like a role store.</summary>
    Corrupt,
}
