using System.Globalization;
using System.Text.RegularExpressions;

namespace OrleansBank.Silo.Tests.Metrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4, written from its rules, that checks every line:
/// comment and sample syntax, names, label escaping, values; one HELP and TYPE per family, before its samples and
/// with its samples together; counters named _total; histograms with cumulative buckets, +Inf, _sum and _count.
/// </summary>
internal static partial class PrometheusFormat
{
    /// <summary>Every sample, by its full text before the value (name and labels); fails the test on any broken rule.</summary>
    public static Dictionary<string, double> Parse(string text)
    {
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "the exposition must end with a line feed");
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        string? current = null;
        var lines = text.Split('\n')[..^1];
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                var comment = Comment().Match(line);
                Assert.True(comment.Success, $"a comment line must be '# HELP name text' or '# TYPE name type': {line}");
                var name = comment.Groups["name"].Value;
                if (comment.Groups["kind"].Value == "TYPE")
                {
                    Assert.True(types.TryAdd(name, comment.Groups["rest"].Value), $"a second TYPE line for {name}");
                    Assert.Matches("^(counter|gauge|histogram|summary|untyped)$", comment.Groups["rest"].Value);
                    Assert.DoesNotContain(samples.Keys, k => FamilyOf(SampleName(k), types) == name);
                }
                else
                {
                    Assert.True(helps.Add(name), $"a second HELP line for {name}");
                    Assert.DoesNotMatch(@"\\[^\\n]", comment.Groups["rest"].Value.Replace(@"\\", "", StringComparison.Ordinal));
                }

                continue;
            }

            var sample = Sample().Match(line);
            Assert.True(sample.Success, $"a sample line must be 'name{{label=\"value\",...}} value': {line}");
            var family = FamilyOf(sample.Groups["name"].Value, types);
            if (family != current)
            {
                Assert.True(current is null || finished.Add(current), $"the samples of {current} are not together");
                Assert.DoesNotContain(family, finished);
                current = family;
            }

            Assert.True(types.ContainsKey(family), $"sample {line} comes before (or without) its family's TYPE line");
            var labels = ParseLabels(sample.Groups["labels"].Value, line);
            var key = sample.Groups["name"].Value + "{" + string.Join(",", labels.Select(l => $"{l.Key}={l.Value}")) + "}";
            Assert.True(samples.TryAdd(key, ParseValue(sample.Groups["value"].Value, line)), $"a duplicate series: {line}");
        }

        foreach (var (name, type) in types)
        {
            if (type == "counter")
            {
                Assert.EndsWith("_total", name);
            }
            else if (type == "histogram")
            {
                CheckHistogram(name, samples);
            }
        }

        return samples;
    }

    private static void CheckHistogram(string name, Dictionary<string, double> samples)
    {
        foreach (var count in samples.Where(s => SampleName(s.Key) == name + "_count"))
        {
            var labels = count.Key[(name.Length + "_count".Length)..];
            var inner = labels.Trim('{', '}');
            var buckets = samples
                .Where(s => SampleName(s.Key) == name + "_bucket" && WithoutLe(s.Key) == inner)
                .Select(s => (Le: LeOf(s.Key), Count: s.Value))
                .OrderBy(b => b.Le)
                .ToList();
            Assert.True(buckets.Count > 0 && double.IsPositiveInfinity(buckets[^1].Le), $"{name}{labels} has no +Inf bucket");
            Assert.Equal(count.Value, buckets[^1].Count);
            for (var i = 1; i < buckets.Count; i++)
            {
                Assert.True(buckets[i].Count >= buckets[i - 1].Count, $"{name}{labels}: buckets are not cumulative");
            }

            Assert.True(samples.ContainsKey(name + "_sum" + labels), $"{name}{labels} has no _sum");
        }
    }

    private static string FamilyOf(string sampleName, Dictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal) && types.GetValueOrDefault(sampleName[..^suffix.Length]) == "histogram")
            {
                return sampleName[..^suffix.Length];
            }
        }

        return sampleName;
    }

    private static string SampleName(string key) => key[..key.IndexOf('{', StringComparison.Ordinal)];

    private static string WithoutLe(string key)
    {
        var inner = key[(key.IndexOf('{', StringComparison.Ordinal) + 1)..^1];
        return string.Join(",", inner.Split(',').Where(p => !p.StartsWith("le=", StringComparison.Ordinal)));
    }

    private static double LeOf(string key) =>
        ParseValue(key.Split(',', '{', '}').Single(p => p.StartsWith("le=", StringComparison.Ordinal))[3..], key);

    private static SortedDictionary<string, string> ParseLabels(string text, string line)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return labels;
        }

        var position = 0;
        while (position < text.Length)
        {
            var label = Label().Match(text, position);
            Assert.True(label.Success && label.Index == position, $"a label must be name=\"value\" with \\\\, \\\" and \\n escaped: {line}");
            Assert.False(label.Groups["name"].Value.StartsWith("__", StringComparison.Ordinal), $"label names starting __ are reserved: {line}");
            Assert.True(labels.TryAdd(label.Groups["name"].Value, Unescape(label.Groups["value"].Value)), $"a label given twice: {line}");
            position += label.Length;
            if (position < text.Length)
            {
                Assert.Equal(',', text[position]);
                position++;
            }
        }

        return labels;
    }

    private static string Unescape(string value) =>
        value.Replace(@"\\", "\u0001", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal)
            .Replace(@"\n", "\n", StringComparison.Ordinal).Replace("\u0001", @"\", StringComparison.Ordinal);

    private static double ParseValue(string text, string line) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
        _ => throw new Xunit.Sdk.XunitException($"'{text}' is not a Prometheus number: {line}"),
    };

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<rest>.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^\n]*)\})? (?<value>\S+)( -?[0-9]+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>([^""\\\n]|\\\\|\\""|\\n)*)""")]
    private static partial Regex Label();
}
