using System.Text;

namespace OrleansBank.Silo.Metrics;

/// <summary>
/// Writes metric families as Prometheus text: per family one # HELP and one # TYPE line, then its samples; families
/// that share a name (the same instrument on two meters) are merged under one TYPE line.
/// </summary>
internal static class PrometheusWriter
{
    public static void Write(StringBuilder text, IEnumerable<MetricFamily> families)
    {
        foreach (var group in families.GroupBy(f => f.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var first = group.First();
            text.Append("# HELP ").Append(group.Key).Append(' ').Append(PrometheusText.Help(first.Help)).Append('\n');
            text.Append("# TYPE ").Append(group.Key).Append(' ').Append(TypeOf(first.Kind)).Append('\n');
            // Series with the same labels (from two meters, or equal tag strings of different identity) are added up.
            var series = group.Where(f => f.Kind == first.Kind && Equals(f.Bounds?.Count, first.Bounds?.Count))
                .SelectMany(f => f.Series)
                .GroupBy(s => Labels(s.Key, null), StringComparer.Ordinal)
                .OrderBy(s => s.Key, StringComparer.Ordinal);
            foreach (var same in series)
            {
                var key = same.First().Key;
                if (first.Kind == MetricKind.Histogram)
                {
                    WriteHistogram(text, first, key, [.. same.Select(s => s.Value)]);
                }
                else
                {
                    Sample(text, first.Name, same.Key, PrometheusText.Number(same.Sum(s => s.Value.Value)));
                }
            }
        }
    }

    private static string TypeOf(MetricKind kind) => kind switch
    {
        MetricKind.Counter or MetricKind.ObservedCounter => "counter",
        MetricKind.Histogram => "histogram",
        _ => "gauge",
    };

    private static void WriteHistogram(StringBuilder text, MetricFamily family, SeriesKey key, SeriesCell[] cells)
    {
        var bounds = family.Bounds!;
        long cumulative = 0;
        for (var i = 0; i < bounds.Count; i++)
        {
            cumulative += cells.Sum(c => c.BucketCount(i));
            Sample(text, family.Name + "_bucket", Labels(key, PrometheusText.Number(bounds[i])), cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Read once: +Inf and _count must agree even while measurements arrive.
        var count = cumulative + cells.Sum(c => c.BucketCount(bounds.Count));
        var labels = Labels(key, null);
        Sample(text, family.Name + "_bucket", Labels(key, "+Inf"), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Sample(text, family.Name + "_sum", labels, PrometheusText.Number(cells.Sum(c => c.Value)));
        Sample(text, family.Name + "_count", labels, count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static void Sample(StringBuilder text, string name, string labels, string value) =>
        text.Append(name).Append(labels).Append(' ').Append(value).Append('\n');

    /// <summary>The label set in braces ("" when empty), with the histogram's le last when given.</summary>
    private static string Labels(SeriesKey key, string? le)
    {
        if (key.Count == 0 && le is null)
        {
            return "";
        }

        var labels = new StringBuilder("{");
        for (var i = 0; i < key.Count; i++)
        {
            labels.Append(i == 0 ? "" : ",").Append(PrometheusText.LabelName(key[i].Key)).Append("=\"");
            PrometheusText.AppendLabelValue(labels, PrometheusText.TagValue(key[i].Value));
            labels.Append('"');
        }

        if (le is not null)
        {
            labels.Append(key.Count == 0 ? "" : ",").Append("le=\"").Append(le).Append('"');
        }

        return labels.Append('}').ToString();
    }
}
