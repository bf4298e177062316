namespace OrleansConnect.Grains.Hosting;

/// <summary>One key and value of a properties file, with the line its logical line starts on (from 1).</summary>
internal sealed record PropertyEntry(string Key, string Value, int Line);
