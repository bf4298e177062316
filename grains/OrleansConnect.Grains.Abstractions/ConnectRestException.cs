namespace OrleansConnect.Grains;

/// <summary>
/// An error a grain reports to the REST API with the HTTP status Kafka Connect gives it (404 unknown connector,
/// 409 conflict, 400 invalid request). The API turns it into <c>{"error_code": N, "message": "..."}</c>.
/// </summary>
[GenerateSerializer, Alias("oc.ConnectRestException")]
public sealed class ConnectRestException : Exception
{
    /// <summary>Creates an error with no message (serializer use).</summary>
    public ConnectRestException()
    {
    }

    /// <summary>Creates an error with a status and message.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="message">The message shown to the user.</param>
    public ConnectRestException(int statusCode, string message) : base(message)
    {
        StatusCode = statusCode;
    }

    /// <summary>Creates an error with a message (status 500).</summary>
    /// <param name="message">The message.</param>
    public ConnectRestException(string message) : base(message)
    {
        StatusCode = 500;
    }

    /// <summary>Creates an error with a message and cause (status 500).</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConnectRestException(string message, Exception innerException) : base(message, innerException)
    {
        StatusCode = 500;
    }

    /// <summary>The HTTP status.</summary>
    [Id(0)]
    public int StatusCode { get; private set; }

    /// <summary>404 for an unknown connector.</summary>
    /// <param name="connector">The connector name.</param>
    /// <returns>The error.</returns>
    public static ConnectRestException ConnectorNotFound(string connector) => new(404, $"Connector {connector} not found");

    /// <summary>404 for an unknown task.</summary>
    /// <param name="task">The task.</param>
    /// <returns>The error.</returns>
    public static ConnectRestException TaskNotFound(TaskId task) => new(404, $"Task {task} not found");

    /// <summary>400 for an invalid request.</summary>
    /// <param name="message">What is wrong, naming the field.</param>
    /// <returns>The error.</returns>
    public static ConnectRestException BadRequest(string message) => new(400, message);

    /// <summary>409 for a conflicting operation.</summary>
    /// <param name="message">What conflicts.</param>
    /// <returns>The error.</returns>
    public static ConnectRestException Conflict(string message) => new(409, message);
}
