namespace Vigil.Orleans.Hosting;

/// <summary>The cluster cannot be reached or joined (Redis unreachable or refusing the password, no silo up, TLS refused); the message says which and how to fix it.</summary>
public sealed class ClusterConnectionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClusterConnectionException()
    {
    }

    /// <summary>Creates the exception with a message for the user.</summary>
    /// <param name="message">What failed and what to check.</param>
    public ClusterConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message for the user and the cause.</summary>
    /// <param name="message">What failed and what to check.</param>
    /// <param name="inner">The cause.</param>
    public ClusterConnectionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
