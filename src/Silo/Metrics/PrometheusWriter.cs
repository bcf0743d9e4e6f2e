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
            foreach (var family in group.Where(f => f.Kind == first.Kind))
            {
                foreach (var (key, cell) in family.Series.OrderBy(s => Labels(s.Key, null), StringComparer.Ordinal).ToList())
                {
                    if (family.Kind == MetricKind.Histogram)
                    {
                        WriteHistogram(text, family, key, cell);
                    }
                    else
                    {
                        Sample(text, family.Name, Labels(key, null), PrometheusText.Number(cell.Value));
                    }
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

    private static void WriteHistogram(StringBuilder text, MetricFamily family, SeriesKey key, SeriesCell cell)
    {
        var bounds = family.Bounds!;
        long cumulative = 0;
        for (var i = 0; i < bounds.Count; i++)
        {
            cumulative += cell.BucketCount(i);
            Sample(text, family.Name + "_bucket", Labels(key, PrometheusText.Number(bounds[i])), cumulative.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Read once: +Inf and _count must agree even while measurements arrive.
        var count = cumulative + cell.BucketCount(bounds.Count);
        var labels = Labels(key, null);
        Sample(text, family.Name + "_bucket", Labels(key, "+Inf"), count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Sample(text, family.Name + "_sum", labels, PrometheusText.Number(cell.Value));
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
