namespace OrleansConnect.Plugins.Errors;

/// <summary>
/// The base of every error a connector, task, converter or transformation raises. A task that throws it
/// (and not one of its subclasses with another meaning) is failed by the runtime and stays FAILED until restarted.
/// </summary>
public class ConnectException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public ConnectException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    public ConnectException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong, for the operator.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
