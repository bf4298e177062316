using System.Globalization;
using System.Text;

namespace OrleansConnect.Api.Tests;

/// <summary>
/// A parser of Prometheus' text exposition format (version 0.0.4): every sample line as name, labels and value; a line
/// that is not a comment, a blank or a well-formed sample fails the parse, so the test sees what Prometheus would reject.
/// </summary>
internal static class PrometheusText
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static IReadOnlyList<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            samples.Add(ParseSample(line));
        }

        return samples;
    }

    private static Sample ParseSample(string line)
    {
        var i = 0;
        while (i < line.Length && (char.IsAsciiLetterOrDigit(line[i]) || line[i] is '_' or ':'))
        {
            i++;
        }

        if (i == 0 || char.IsAsciiDigit(line[0]))
        {
            throw new FormatException($"No metric name: {line}");
        }

        var name = line[..i];
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (line[i] != '}')
            {
                var start = i;
                while (line[i] != '=')
                {
                    i++;
                }

                var label = line[start..i];
                if (line[++i] != '"')
                {
                    throw new FormatException($"Label {label} not quoted: {line}");
                }

                var value = new StringBuilder();
                for (i++; line[i] != '"'; i++)
                {
                    value.Append(line[i] == '\\' ? line[++i] switch { 'n' => '\n', var c => c } : line[i]);
                }

                labels.Add(label, value.ToString());
                i++;
                if (line[i] == ',')
                {
                    i++;
                }
            }

            i++;
        }

        var parts = line[i..].Trim().Split(' ');
        if (parts.Length is < 1 or > 2)
        {
            throw new FormatException($"Expected a value and an optional timestamp: {line}");
        }

        var number = parts[0] switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, number);
    }
}
