using System.Globalization;

namespace OrleansConnect.Benchmarks;

/// <summary>
/// The measured figures: each printed as one JSON line the moment it is measured, and kept for the table at the end.
/// </summary>
internal sealed class Figures(TextWriter output)
{
    private readonly List<Figure> _figures = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<Figure> All => _figures;

    public IReadOnlyList<string> Notes => _notes;

    public void Add(string section, string name, double value, string unit, string? target = null, Func<double, bool>? met = null)
    {
        if (!double.IsFinite(value))
        {
            Note($"{name} not measured: the run was too short to time ({value.ToString(CultureInfo.InvariantCulture)})");
            return;
        }

        var figure = new Figure(section, name, value, unit, target, met?.Invoke(value));
        _figures.Add(figure);
        output.WriteLine($"{{\"figure\": \"{name}\", \"value\": {Format(value)}, \"unit\": \"{unit}\"}}");
    }

    /// <summary>Something that could not be measured, or a caveat, with the reason; printed and kept for the report.</summary>
    public void Note(string note)
    {
        _notes.Add(note);
        output.WriteLine("note: " + note);
    }

    public double Value(string name) => _figures.Single(f => f.Name == name).Value;

    public static string Format(double value) =>
        value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 1 ? "0.##" : "0.#####", CultureInfo.InvariantCulture);

    /// <summary>The figures as a Markdown table, by section.</summary>
    public string Table()
    {
        var lines = new List<string> { "| section | figure | value | unit | target |", "|---|---|---:|---|---|" };
        lines.AddRange(_figures.Select(f =>
            $"| {f.Section} | `{f.Name}` | {Format(f.Value)} | {f.Unit} | {(f.Target is null ? string.Empty : $"{f.Target} ({(f.Met == true ? "met" : "missed")})")} |"));
        return string.Join('\n', lines);
    }

    internal sealed record Figure(string Section, string Name, double Value, string Unit, string? Target, bool? Met);
}
