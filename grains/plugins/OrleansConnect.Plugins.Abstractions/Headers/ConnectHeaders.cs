using System.Collections;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Headers;

/// <summary>
/// The ordered headers of a record, as Kafka's <c>ConnectHeaders</c>: keys may repeat, order is kept. A record owns
/// its headers; a transformation that changes them works on <see cref="Duplicate"/>. Not thread-safe.
/// </summary>
public sealed class ConnectHeaders : IEnumerable<Header>
{
    private readonly List<Header> _headers;

    /// <summary>Creates an empty header list.</summary>
    public ConnectHeaders()
    {
        _headers = [];
    }

    /// <summary>Creates a header list holding the given headers in order.</summary>
    /// <param name="headers">The headers.</param>
    public ConnectHeaders(IEnumerable<Header> headers)
    {
        _headers = [.. headers];
    }

    /// <summary>The number of headers.</summary>
    public int Count => _headers.Count;

    /// <summary>Adds a header at the end.</summary>
    /// <param name="header">The header.</param>
    /// <returns>This list.</returns>
    public ConnectHeaders Add(Header header)
    {
        ArgumentNullException.ThrowIfNull(header);
        _headers.Add(header);
        return this;
    }

    /// <summary>Adds a header at the end, checking the value against the schema when one is given.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <param name="schema">The schema, or null for schemaless.</param>
    /// <returns>This list.</returns>
    public ConnectHeaders Add(string key, object? value, Schema? schema)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (schema is not null)
        {
            ConnectSchema.Validate(schema, value, $"header \"{key}\"");
        }

        return Add(new Header(key, schema, value));
    }

    /// <summary>Adds a string header.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>This list.</returns>
    public ConnectHeaders AddString(string key, string? value) => Add(key, value, value is null ? Schema.OptionalString : Schema.String);

    /// <summary>The last header with a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The header, or null.</returns>
    public Header? LastWithName(string key) => _headers.FindLast(h => h.Key == key);

    /// <summary>Every header with a key, in order.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The headers.</returns>
    public IEnumerable<Header> AllWithName(string key) => _headers.Where(h => h.Key == key);

    /// <summary>Removes every header with a key.</summary>
    /// <param name="key">The key.</param>
    /// <returns>This list.</returns>
    public ConnectHeaders Remove(string key)
    {
        _headers.RemoveAll(h => h.Key == key);
        return this;
    }

    /// <summary>Removes every header.</summary>
    /// <returns>This list.</returns>
    public ConnectHeaders Clear()
    {
        _headers.Clear();
        return this;
    }

    /// <summary>A copy that can be changed without changing this list (headers themselves are immutable).</summary>
    /// <returns>The copy.</returns>
    public ConnectHeaders Duplicate() => new(_headers);

    /// <inheritdoc />
    public IEnumerator<Header> GetEnumerator() => _headers.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
