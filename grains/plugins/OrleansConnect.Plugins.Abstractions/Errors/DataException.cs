namespace OrleansConnect.Plugins.Errors;

/// <summary>
/// A record, schema or value is malformed or does not match its schema. Raised by converters, transformations and the
/// data model; the runtime treats it as a problem with one record (see <c>errors.tolerance</c>).
/// </summary>
public class DataException : ConnectException
{
    /// <summary>Creates an exception with no message.</summary>
    public DataException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What is wrong with the data, naming the field where there is one.</param>
    public DataException(string message) : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong with the data, naming the field where there is one.</param>
    /// <param name="innerException">The cause.</param>
    public DataException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
