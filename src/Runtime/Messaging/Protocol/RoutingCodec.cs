using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>Encodes the frames that steer a request rather than answer it: "moved" hints and "not run" refusals.</summary>
internal static class RoutingCodec
{
    private static readonly Codec<Exception> Exceptions = CodecProvider.Get<Exception>();

    /// <summary>A hint that <paramref name="grainId"/> does not live on the sending silo: it lives on <paramref name="silo"/>, or, when null, the sender does not know where.</summary>
    public static void WriteMoved(WireWriter writer, GrainId grainId, SiloAddress? silo)
    {
        var at = FrameCodec.Begin(writer, FrameKind.Moved);
        writer.WriteStringPayload(grainId.Type);
        writer.WriteStringPayload(grainId.Key);
        writer.WriteStringPayload(silo?.ToString() ?? "");
        FrameCodec.End(writer, at);
    }

    /// <summary>Reads a hint payload (after its kind byte): the grain, and its silo or null for unknown.</summary>
    public static (GrainId Grain, SiloAddress? Silo) ReadMoved(ref WireReader reader)
    {
        var type = reader.ReadStringPayload();
        var key = reader.ReadStringPayload();
        var silo = reader.ReadStringPayload();
        FrameCodec.EnsureEnd(ref reader);
        if (type.Length == 0 || key.Length == 0)
        {
            throw new ProtocolException("A moved hint names a grain with an empty type or key.");
        }

        if (silo.Length == 0)
        {
            return (new GrainId(type, key), null);
        }

        return SiloAddress.TryParse(silo, out var address)
            ? (new GrainId(type, key), address)
            : throw new ProtocolException($"A moved hint names '{silo}', which is not a silo address (host:port:generation).");
    }

    /// <summary>The answer to a request the silo refused without running it; the caller may send it elsewhere.</summary>
    public static void WriteNotRun(WireWriter writer, long correlationId, SiloShuttingDownException refusal)
    {
        var at = FrameCodec.Begin(writer, FrameKind.NotRun);
        writer.WriteUVarInt((ulong)correlationId);
        Exceptions.WriteTyped(writer, refusal);
        FrameCodec.End(writer, at);
    }

    /// <summary>Reads a refusal payload (after its kind byte and correlation id): the silo's <see cref="SiloShuttingDownException"/>.</summary>
    public static SiloShuttingDownException ReadNotRun(ref WireReader reader)
    {
        var error = Exceptions.ReadTyped(ref reader, reader.ReadTag());
        FrameCodec.EnsureEnd(ref reader);
        return error as SiloShuttingDownException
            ?? throw new ProtocolException($"A not-run refusal carries a {error?.GetType().Name ?? "null"}, not a SiloShuttingDownException.");
    }
}
