using System.Data.Common;
using OrleansConnect.Plugins.Data;

namespace OrleansConnect.Plugins.Jdbc.Dialects;

/// <summary>The Connect schema of one result set, and the reading of its rows into <see cref="Struct"/>s.</summary>
internal interface IRowReader
{
    Schema Schema { get; }

    Struct Read(DbDataReader reader);
}
