namespace OrleansConnect.Plugins.Converters;

/// <summary>A least-recently-used map with a fixed capacity (Kafka's <c>LRUCache</c>); capacity 0 caches nothing. Not thread-safe.</summary>
internal sealed class LruCache<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _entries = [];
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _order = [];

    public int Count => _entries.Count;

    public bool TryGet(TKey key, out TValue value)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            value = node.Value.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Put(TKey key, TValue value)
    {
        if (capacity <= 0)
        {
            return;
        }

        if (_entries.Remove(key, out var existing))
        {
            _order.Remove(existing);
        }

        _entries[key] = _order.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
        if (_entries.Count > capacity)
        {
            var eldest = _order.Last!;
            _order.RemoveLast();
            _entries.Remove(eldest.Value.Key);
        }
    }
}
