namespace OrleansBank.Tests.Shared.Telemetry;

/// <summary>
/// The few fields of an OTLP span a test checks, read from an ExportTraceServiceRequest in protobuf: resource_spans (1)
/// hold scope_spans (2), which hold spans (2) with trace_id (1), span_id (2), parent_span_id (4) and name (5).
/// </summary>
internal sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name)
{
    public static IEnumerable<OtlpSpan> ReadAll(byte[] request) =>
        from resourceSpans in Fields(request, 1)
        from scopeSpans in Fields(resourceSpans, 2)
        from span in Fields(scopeSpans, 2)
        select Read(span);

    private static OtlpSpan Read(byte[] span)
    {
        string Field(int number) => Fields(span, number).Select(Convert.ToHexString).FirstOrDefault() ?? "";
        var name = Fields(span, 5).Select(b => System.Text.Encoding.UTF8.GetString(b)).FirstOrDefault() ?? "";
        return new OtlpSpan(Field(1), Field(2), Field(4), name);
    }

    /// <summary>The length-delimited fields numbered <paramref name="number"/> of a message; other fields are skipped.</summary>
    private static IEnumerable<byte[]> Fields(byte[] message, int number)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message, ref at);
            var wireType = (int)(key & 7);
            var length = wireType switch
            {
                0 => SkipVarint(message, ref at),
                1 => 8,
                2 => (int)Varint(message, ref at),
                5 => 4,
                _ => throw new InvalidDataException($"Protobuf wire type {wireType} at byte {at} is not one OTLP uses."),
            };
            if ((int)(key >> 3) == number && wireType == 2)
            {
                yield return message[at..(at + length)];
            }

            at += length;
        }
    }

    private static int SkipVarint(byte[] message, ref int at)
    {
        Varint(message, ref at);
        return 0;
    }

    private static ulong Varint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
