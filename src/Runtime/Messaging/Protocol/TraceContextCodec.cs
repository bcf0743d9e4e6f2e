using System.Buffers.Binary;
using System.Diagnostics;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>
/// A request's W3C trace context (traceparent: trace id, parent span id, flags; tracestate optional). A request without
/// one costs a single zero byte; with one, the flags byte is followed by 16 + 8 + 1 bytes and the tracestate if any.
/// </summary>
internal static class TraceContextCodec
{
    /// <summary>The W3C limit on a tracestate header's length; a longer one is a flaw, not something to carry on.</summary>
    public const int MaxTraceStateLength = 512;

    private const byte HasContext = 1;
    private const byte HasTraceState = 2;

    public static void Write(WireWriter writer, in ActivityContext context)
    {
        if (context == default)
        {
            writer.WriteByte(0);
            return;
        }

        // W3C: a tracestate over the limit is discarded, not an error; .NET does not cap what a caller's parent carries.
        var state = string.IsNullOrEmpty(context.TraceState) || context.TraceState.Length > MaxTraceStateLength ? null : context.TraceState;
        writer.WriteByte((byte)(HasContext | (state is null ? 0 : HasTraceState)));
        Span<byte> bytes = stackalloc byte[16];
        context.TraceId.CopyTo(bytes);
        writer.WriteFixed64(BinaryPrimitives.ReadInt64LittleEndian(bytes));
        writer.WriteFixed64(BinaryPrimitives.ReadInt64LittleEndian(bytes[8..]));
        context.SpanId.CopyTo(bytes[..8]);
        writer.WriteFixed64(BinaryPrimitives.ReadInt64LittleEndian(bytes));
        writer.WriteByte((byte)context.TraceFlags);
        if (state is not null)
        {
            writer.WriteStringPayload(state);
        }
    }

    /// <summary>Reads what <see cref="Write"/> wrote; the context read is marked remote, as a W3C traceparent header is.</summary>
    public static ActivityContext Read(ref WireReader reader)
    {
        var flags = reader.ReadByte();
        if (flags == 0)
        {
            return default;
        }

        if ((flags & ~(HasContext | HasTraceState)) != 0 || (flags & HasContext) == 0)
        {
            throw new ProtocolException($"A request's trace-context flags are {flags}, which this silo does not know.");
        }

        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, reader.ReadFixed64());
        BinaryPrimitives.WriteInt64LittleEndian(bytes[8..], reader.ReadFixed64());
        var zeroTraceId = !bytes.ContainsAnyExcept((byte)0);
        var traceId = ActivityTraceId.CreateFromBytes(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes, reader.ReadFixed64());
        var spanId = ActivitySpanId.CreateFromBytes(bytes[..8]);
        if (zeroTraceId || !bytes[..8].ContainsAnyExcept((byte)0))
        {
            throw new ProtocolException("A request's trace context has an all-zero trace id or span id, which W3C trace context forbids.");
        }

        var traceFlags = (ActivityTraceFlags)(reader.ReadByte() & (byte)ActivityTraceFlags.Recorded);
        string? state = null;
        if ((flags & HasTraceState) != 0)
        {
            state = reader.ReadStringPayload();
            if (state.Length > MaxTraceStateLength)
            {
                // Discarded as W3C says; the request itself is sound (the frame size limit bounds what was read).
                state = null;
            }
        }

        return new ActivityContext(traceId, spanId, traceFlags, state, isRemote: true);
    }
}
