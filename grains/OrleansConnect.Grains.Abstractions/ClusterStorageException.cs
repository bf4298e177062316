using Orleans.Runtime;

namespace OrleansConnect.Grains;

/// <summary>
/// The cluster's storage (PostgreSQL in distributed mode) failed to read, write or clear a grain's state: unreachable,
/// restarting, timing out. The cluster's failure, never the caller's: <see cref="ClusterErrors.IsTransient"/> is true
/// for it, so a task keeps running and retries, and the REST API answers 503. Every grain storage failure reaches
/// callers as this type (the storage provider's own exception, e.g. Npgsql's, cannot cross a grain call); its message
/// names the provider, the operation, the grain and the original exception's types and messages.
/// </summary>
[GenerateSerializer, Alias("oc.ClusterStorageException")]
public sealed class ClusterStorageException : OrleansException
{
    /// <summary>Creates an error with no message (serializer use).</summary>
    public ClusterStorageException()
    {
    }

    /// <summary>Creates an error with a message.</summary>
    /// <param name="message">What failed, with the original exception described.</param>
    public ClusterStorageException(string message) : base(message)
    {
    }

    /// <summary>Creates an error with a message and a cause; the cause must be serializable to cross a grain call.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public ClusterStorageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
