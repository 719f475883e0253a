using System.Globalization;
using System.Text.RegularExpressions;

namespace Livepeer.Node.Tests.Observability;

/// <summary>One sample line: metric name, labels, value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>A metric family: its name, TYPE, HELP and samples.</summary>
public sealed record PrometheusFamily(string Name, string Type, string? Help, List<PrometheusSample> Samples);

/// <summary>
/// A strict parser of the Prometheus text exposition format (0.0.4): HELP/TYPE lines, metric and label name syntax,
/// quoted and escaped label values, float values, families contiguous and declared before their samples, counters
/// non-negative, and histograms consistent (le buckets increasing and cumulative, a +Inf bucket equal to _count, a _sum).
/// Throws <see cref="FormatException"/> naming the line at the first violation.
/// </summary>
public sealed partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    private PrometheusText(Dictionary<string, PrometheusFamily> families) => Families = families;

    /// <summary>Families by name.</summary>
    public IReadOnlyDictionary<string, PrometheusFamily> Families { get; }

    /// <summary>The value of the sample with exactly these labels, or 0 when it is absent (a counter not yet moved).</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        foreach (var family in Families.Values)
        {
            foreach (var s in family.Samples)
            {
                if (s.Name == name && s.Labels.Count == labels.Length && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value))
                    return s.Value;
            }
        }
        return 0;
    }

    /// <summary>Whether a family of this name and type was exported.</summary>
    public bool Has(string family, string type) => Families.TryGetValue(family, out var f) && f.Type == type;

    /// <summary>Parses a whole exposition.</summary>
    public static PrometheusText Parse(string text)
    {
        var families = new Dictionary<string, PrometheusFamily>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        PrometheusFamily? current = null;
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw;
            if (line.Length == 0) continue;
            if (line.EndsWith('\r')) throw Error(lineNumber, "carriage return in line ending");
            if (line.StartsWith('#'))
            {
                var parts = line.Split(' ', 4);
                if (parts.Length >= 3 && parts[0] == "#" && parts[1] is "HELP" or "TYPE")
                {
                    var name = parts[2];
                    if (!MetricName().IsMatch(name)) throw Error(lineNumber, $"bad metric name '{name}'");
                    if (finished.Contains(name)) throw Error(lineNumber, $"family {name} appears twice");
                    if (current is not null && current.Name != name) { finished.Add(current.Name); current = null; }
                    if (!families.TryGetValue(name, out var family))
                    {
                        family = new PrometheusFamily(name, "untyped", null, []);
                        families[name] = family;
                    }
                    if (family.Samples.Count > 0) throw Error(lineNumber, $"{parts[1]} of {name} after its samples");
                    if (parts[1] == "TYPE")
                    {
                        var type = parts.Length > 3 ? parts[3] : "";
                        if (!Types.Contains(type)) throw Error(lineNumber, $"unknown type '{type}'");
                        family = family with { Type = type };
                    }
                    else family = family with { Help = parts.Length > 3 ? parts[3] : "" };
                    families[name] = current = family;
                }
                continue; // other comments are allowed
            }
            var sample = ParseSample(line, lineNumber);
            var owner = FamilyOf(sample.Name, families);
            if (owner is null)
            {
                owner = new PrometheusFamily(sample.Name, "untyped", null, []);
                families[sample.Name] = owner;
            }
            if (finished.Contains(owner.Name)) throw Error(lineNumber, $"samples of {owner.Name} are not contiguous");
            if (current is not null && current.Name != owner.Name) finished.Add(current.Name);
            current = owner;
            if (owner.Type == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value))) throw Error(lineNumber, $"counter {sample.Name} is {sample.Value}");
            if (owner.Type == "histogram" && sample.Name.EndsWith("_bucket", StringComparison.Ordinal) && !sample.Labels.ContainsKey("le"))
                throw Error(lineNumber, "histogram bucket without le");
            owner.Samples.Add(sample);
        }
        foreach (var family in families.Values.Where(f => f.Type == "histogram")) CheckHistogram(family);
        return new PrometheusText(families);
    }

    private static PrometheusFamily? FamilyOf(string sampleName, Dictionary<string, PrometheusFamily> families)
    {
        if (families.TryGetValue(sampleName, out var exact) && exact.Type != "histogram") return exact;
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && families.TryGetValue(sampleName[..^suffix.Length], out var f) && f.Type is "histogram" or "summary")
                return f;
        }
        if (exact is not null) throw new FormatException($"histogram {sampleName} has a sample without _bucket/_sum/_count");
        return null;
    }

    private static PrometheusSample ParseSample(string line, int lineNumber)
    {
        var i = 0;
        while (i < line.Length && line[i] is not ('{' or ' ')) i++;
        var name = line[..i];
        if (!MetricName().IsMatch(name)) throw Error(lineNumber, $"bad metric name '{name}'");
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (i < line.Length && line[i] == '{')
        {
            i++;
            while (true)
            {
                if (i >= line.Length) throw Error(lineNumber, "unterminated label set");
                if (line[i] == '}') { i++; break; }
                var start = i;
                while (i < line.Length && line[i] != '=') i++;
                var label = line[start..i];
                if (!LabelName().IsMatch(label)) throw Error(lineNumber, $"bad label name '{label}'");
                if (labels.ContainsKey(label)) throw Error(lineNumber, $"label {label} repeated");
                i++;
                if (i >= line.Length || line[i] != '"') throw Error(lineNumber, $"label {label} value is not quoted");
                i++;
                var value = new System.Text.StringBuilder();
                while (true)
                {
                    if (i >= line.Length) throw Error(lineNumber, "unterminated label value");
                    var c = line[i++];
                    if (c == '"') break;
                    if (c == '\\')
                    {
                        if (i >= line.Length) throw Error(lineNumber, "dangling escape");
                        value.Append(line[i++] switch
                        {
                            '\\' => '\\', '"' => '"', 'n' => '\n',
                            var other => throw Error(lineNumber, $"bad escape \\{other}"),
                        });
                    }
                    else value.Append(c);
                }
                labels[label] = value.ToString();
                if (i < line.Length && line[i] == ',') i++;
                else if (i >= line.Length || line[i] != '}') throw Error(lineNumber, "labels must be separated by commas");
            }
        }
        if (i >= line.Length || line[i] != ' ') throw Error(lineNumber, "no space before the value");
        var rest = line[(i + 1)..].Split(' ');
        if (rest.Length is < 1 or > 2) throw Error(lineNumber, "expected a value and an optional timestamp");
        var number = ParseFloat(rest[0]) ?? throw Error(lineNumber, $"'{rest[0]}' is not a float");
        if (rest.Length == 2 && !long.TryParse(rest[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) throw Error(lineNumber, $"bad timestamp '{rest[1]}'");
        return new PrometheusSample(name, labels, number);
    }

    private static double? ParseFloat(string text) => text switch
    {
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null,
    };

    private static void CheckHistogram(PrometheusFamily family)
    {
        static string Key(PrometheusSample s) => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        foreach (var series in family.Samples.GroupBy(Key))
        {
            var buckets = series.Where(s => s.Name == family.Name + "_bucket").ToList();
            var count = series.SingleOrDefault(s => s.Name == family.Name + "_count") ?? throw new FormatException($"{family.Name}{{{series.Key}}} has no _count");
            _ = series.SingleOrDefault(s => s.Name == family.Name + "_sum") ?? throw new FormatException($"{family.Name}{{{series.Key}}} has no _sum");
            if (buckets.Count == 0) throw new FormatException($"{family.Name}{{{series.Key}}} has no buckets");
            double previousLe = double.NegativeInfinity, previousCount = 0;
            foreach (var b in buckets)
            {
                var le = ParseFloat(b.Labels["le"]) ?? throw new FormatException($"{family.Name} bucket le '{b.Labels["le"]}' is not a float");
                if (le <= previousLe) throw new FormatException($"{family.Name} buckets are not in increasing le order ({le} after {previousLe})");
                if (b.Value < previousCount) throw new FormatException($"{family.Name} buckets are not cumulative (le={le}: {b.Value} < {previousCount})");
                (previousLe, previousCount) = (le, b.Value);
            }
            if (!double.IsPositiveInfinity(previousLe)) throw new FormatException($"{family.Name}{{{series.Key}}} has no le=\"+Inf\" bucket");
            if (previousCount != count.Value) throw new FormatException($"{family.Name}{{{series.Key}}}: +Inf bucket {previousCount} differs from _count {count.Value}");
        }
    }

    private static FormatException Error(int line, string what) => new($"line {line}: {what}");
}
