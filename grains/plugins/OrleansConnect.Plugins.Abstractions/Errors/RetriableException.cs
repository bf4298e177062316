namespace OrleansConnect.Plugins.Errors;

/// <summary>
/// A transient failure: the runtime retries the same operation (the same poll, or the same batch for
/// <c>SinkTask.PutAsync</c>) after a backoff instead of failing the task.
/// </summary>
public class RetriableException : ConnectException
{
    /// <summary>Creates an exception with no message.</summary>
    public RetriableException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What failed and why it may succeed later.</param>
    public RetriableException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What failed and why it may succeed later.</param>
    /// <param name="innerException">The cause.</param>
    public RetriableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
