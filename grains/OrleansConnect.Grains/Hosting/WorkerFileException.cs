namespace OrleansConnect.Grains.Hosting;

/// <summary>
/// A worker or connector file the silo cannot start with: its message names the file, the line (0 for the whole
/// file) and what is wrong, as <c>path:line: message</c>.
/// </summary>
public sealed class WorkerFileException : Exception
{
    /// <summary>Creates an error without details (serializers and analyzers need it).</summary>
    public WorkerFileException()
    {
    }

    /// <summary>Creates an error with a message only.</summary>
    /// <param name="message">The message.</param>
    public WorkerFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an error with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public WorkerFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an error about one line of a file.</summary>
    /// <param name="file">The file as the user named it.</param>
    /// <param name="line">The line, from 1; 0 when the error is about the whole file.</param>
    /// <param name="problem">What is wrong, e.g. <c>unknown worker key 'foo'</c>.</param>
    public WorkerFileException(string file, int line, string problem)
        : base(line > 0 ? $"{file}:{line}: {problem}" : $"{file}: {problem}")
    {
        File = file;
        Line = line;
    }

    /// <summary>The file, or null when not given.</summary>
    public string? File { get; }

    /// <summary>The line, from 1; 0 for the whole file.</summary>
    public int Line { get; }
}
