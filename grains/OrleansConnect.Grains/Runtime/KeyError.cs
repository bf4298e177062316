namespace OrleansConnect.Grains.Runtime;

/// <summary>One validation error and the key it is about.</summary>
internal sealed record KeyError(string Key, string Message);
