using System.Collections;

namespace OrleansConnect.Plugins.Data;

/// <summary>Deep equality for Connect values: byte arrays by content, lists, maps and structs element by element.</summary>
public static class ValueEquality
{
    /// <summary>Compares two Connect values deeply.</summary>
    /// <param name="a">The first value, may be null.</param>
    /// <param name="b">The second value, may be null.</param>
    /// <returns>True when both are null or equal by content.</returns>
    public static bool DeepEquals(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        switch (a)
        {
            case byte[] ba when b is byte[] bb:
                return ba.AsSpan().SequenceEqual(bb);
            case string:
                return a.Equals(b);
            case IDictionary da when b is IDictionary db:
                if (da.Count != db.Count)
                {
                    return false;
                }

                foreach (DictionaryEntry e in da)
                {
                    if (!db.Contains(e.Key) || !DeepEquals(e.Value, db[e.Key]))
                    {
                        return false;
                    }
                }

                return true;
            case IList la when b is IList lb:
                if (la.Count != lb.Count)
                {
                    return false;
                }

                for (var i = 0; i < la.Count; i++)
                {
                    if (!DeepEquals(la[i], lb[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return a.Equals(b);
        }
    }
}
