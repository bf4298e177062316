using OrleansConnect.Plugins.Data;
using OrleansConnect.Plugins.Sink;

namespace OrleansConnect.Plugins.Jdbc.Sink;

/// <summary>A column a sink record is written to: its name, the Connect schema of its values, and where its value comes from.</summary>
internal sealed record SinkColumn(string Name, Schema Schema, Func<SinkRecord, object?> Value);
