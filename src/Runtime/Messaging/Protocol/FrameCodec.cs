using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging.Serialization;

namespace OrleansBank.Runtime.Messaging.Protocol;

/// <summary>
/// Encodes and decodes frame payloads. A frame on the wire is a 4-byte little-endian length, then the payload;
/// the payload starts with its <see cref="FrameKind"/>. Decoding trusts nothing: any flaw is a <see cref="ProtocolException"/>.
/// </summary>
internal static class FrameCodec
{
    public const string Magic = "OrleansBank";
    // 2: a call-chain link names the silo that ran it (host:port:generation) beside its counter.
    // 3: a silo pushes its client the active gateways (FrameKind.Gateways), which a version 2 client would call a flaw.
    // 4: "moved" hints between silos (FrameKind.Moved) and refusals that did not run (FrameKind.NotRun), told apart
    //    from a SiloShuttingDownException a grain call passed on.
    // 5: a request carries a trace-context flags byte after its timeout, and the W3C trace context when the flags say so.
    public const int ProtocolVersion = 5;
    public const int HeaderSize = 4;

    private static readonly Codec<Exception> Exceptions = CodecProvider.Get<Exception>();

    /// <summary>Starts a frame: reserves the length and writes the kind. Finish with <see cref="End"/>.</summary>
    public static int Begin(WireWriter writer, FrameKind kind)
    {
        var at = writer.ReserveFixed32();
        writer.WriteByte((byte)kind);
        return at;
    }

    public static void End(WireWriter writer, int at) => writer.PatchFixed32(at, writer.Length - at - HeaderSize);

    public static void WriteHello(WireWriter writer, string clientName) => WriteHello(writer, clientName, null);

    /// <summary>A client's hello; with a cluster secret it ends with the client's nonce, which the silo's proof signs.</summary>
    public static void WriteHello(WireWriter writer, string clientName, byte[]? nonce)
    {
        var at = Begin(writer, FrameKind.Hello);
        writer.WriteStringPayload(Magic);
        writer.WriteUVarInt(ProtocolVersion);
        writer.WriteStringPayload(clientName);
        HandshakeCodec.WriteOptionalBytes(writer, nonce);
        End(writer, at);
    }

    /// <summary>Checks a Hello payload (after its kind byte); returns the client's name and its nonce, if it sent one.</summary>
    public static string ReadHello(ref WireReader reader, out byte[]? nonce)
    {
        var name = ReadHello(ref reader);
        nonce = HandshakeCodec.ReadOptionalBytes(ref reader, ClusterProof.NonceSize, "nonce");
        return name;
    }

    /// <summary>Checks a Hello payload (after its kind byte); returns the client's name.</summary>
    public static string ReadHello(ref WireReader reader)
    {
        if (reader.ReadStringPayload() != Magic)
        {
            throw new ProtocolException("The first frame is not an OrleansBank hello: this peer does not speak the protocol.");
        }

        var version = reader.ReadUVarInt();
        if (version != ProtocolVersion)
        {
            throw new ProtocolException($"The peer speaks protocol version {version}; this silo speaks {ProtocolVersion}.");
        }

        return reader.ReadStringPayload();
    }

    public static void WriteWelcome(WireWriter writer, Manifest manifest) => WriteWelcome(writer, manifest, null);

    /// <summary>A silo's welcome; with a cluster secret it ends with the silo's proof.</summary>
    public static void WriteWelcome(WireWriter writer, Manifest manifest, byte[]? proof)
    {
        var at = Begin(writer, FrameKind.Welcome);
        writer.WriteUVarInt(ProtocolVersion);
        writer.WriteStringPayload(manifest.SiloName);
        writer.WriteUVarInt((ulong)manifest.GrainTypesByInterface.Count);
        foreach (var (grainInterface, grainType) in manifest.GrainTypesByInterface)
        {
            writer.WriteStringPayload(grainInterface);
            writer.WriteStringPayload(grainType);
        }

        HandshakeCodec.WriteOptionalBytes(writer, proof);
        End(writer, at);
    }

    /// <summary>Reads a welcome and the silo's proof of the cluster secret, if it sent one.</summary>
    public static Manifest ReadWelcome(ref WireReader reader, out byte[]? proof)
    {
        var manifest = ReadWelcome(ref reader);
        proof = HandshakeCodec.ReadOptionalBytes(ref reader, ClusterProof.ProofSize, "proof");
        return manifest;
    }

    public static Manifest ReadWelcome(ref WireReader reader)
    {
        var version = reader.ReadUVarInt();
        if (version != ProtocolVersion)
        {
            throw new ProtocolException($"The silo speaks protocol version {version}; this client speaks {ProtocolVersion}.");
        }

        var siloName = reader.ReadStringPayload();
        var count = reader.ReadCount("manifest");
        var map = new Dictionary<string, string>(count, StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            map[reader.ReadStringPayload()] = reader.ReadStringPayload();
        }

        return new Manifest(siloName, map);
    }

    /// <summary>A liveness probe (<see cref="FrameKind.Ping"/>) or its answer (<see cref="FrameKind.Pong"/>), with its id.</summary>
    public static void WriteProbe(WireWriter writer, FrameKind kind, long id)
    {
        var at = Begin(writer, kind);
        writer.WriteUVarInt((ulong)id);
        End(writer, at);
    }

    /// <summary>Reads a probe payload (after its kind byte): its id.</summary>
    public static long ReadProbe(ref WireReader reader)
    {
        var id = ReadCorrelationId(ref reader);
        EnsureEnd(ref reader);
        return id;
    }

    /// <summary>Tells a peer, before any welcome, why the silo will not serve it; the silo closes the connection next.</summary>
    public static void WriteRefusal(WireWriter writer, string reason)
    {
        var at = Begin(writer, FrameKind.Refused);
        writer.WriteStringPayload(reason);
        End(writer, at);
    }

    /// <summary>Reads a refusal payload (after its kind byte): the silo's reason.</summary>
    public static string ReadRefusal(ref WireReader reader)
    {
        var reason = reader.ReadStringPayload();
        EnsureEnd(ref reader);
        return reason;
    }

    /// <summary>Encodes a request; a silo link passes its silo-to-silo hop count, written after the arguments only when above 0.</summary>
    public static void WriteRequest(WireWriter writer, long correlationId, Message message, TimeSpan timeout, int forwardCount = 0)
    {
        var at = Begin(writer, FrameKind.Request);
        writer.WriteUVarInt((ulong)correlationId);
        writer.WriteStringPayload(message.Target.Type);
        writer.WriteStringPayload(message.Target.Key);
        writer.WriteStringPayload(message.Method.InterfaceType.FullName!);
        writer.WriteUVarInt(message.Method.Id);
        writer.WriteUVarInt((ulong)Math.Max(0, (long)timeout.TotalMilliseconds));
        TraceContextCodec.Write(writer, message.TraceContext);
        var links = 0;
        for (var link = message.Chain; link is not null; link = link.Caller)
        {
            links++;
        }

        writer.WriteUVarInt((ulong)links);
        for (var link = message.Chain; link is not null; link = link.Caller)
        {
            writer.WriteStringPayload(link.Grain.Type);
            writer.WriteStringPayload(link.Grain.Key);
            writer.WriteStringPayload(link.Method);
            writer.WriteStringPayload(link.RunToken.Silo.ToString());
            writer.WriteVarInt(link.RunToken.Sequence);
        }

        var parameterTypes = message.Method.ParameterTypes;
        writer.WriteUVarInt((ulong)parameterTypes.Length);
        for (var i = 0; i < parameterTypes.Length; i++)
        {
            CodecProvider.Get(parameterTypes[i]).Write(writer, message.Request.GetArgument(i));
        }

        if (forwardCount > 0)
        {
            writer.WriteUVarInt((ulong)forwardCount);
        }

        End(writer, at);
    }

    /// <summary>
    /// Decodes a request payload (after its kind byte), resolving grain type and method against what this silo hosts;
    /// a connection passes its <paramref name="names"/>, so the grain types and interface names it repeats are not decoded again.
    /// </summary>
    public static WireRequest ReadRequest(ref WireReader reader, IGrainTargetResolver targets, RepeatedStrings? names = null)
    {
        var correlationId = (long)Math.Min(reader.ReadUVarInt(), long.MaxValue);
        var grainType = names is null ? reader.ReadStringPayload() : names.Read(ref reader);
        var key = reader.ReadStringPayload();
        var interfaceName = names is null ? reader.ReadStringPayload() : names.Read(ref reader);
        var rawMethodId = reader.ReadUVarInt();
        var methodId = rawMethodId <= uint.MaxValue ? (uint)rawMethodId : throw new UnknownGrainTargetException($"Method id {rawMethodId} is not a method id.");
        var timeout = TimeSpan.FromMilliseconds(Math.Min(reader.ReadUVarInt(), (ulong)TimeSpan.FromDays(1).TotalMilliseconds));
        var traceContext = TraceContextCodec.Read(ref reader);
        CallChain? chain = null;
        // A call from a client has no chain: nothing to collect for it.
        var links = reader.ReadCount("call chain") is > 0 and var linkCount ? new (GrainId Grain, string Method, RunToken Token)[linkCount] : [];
        for (var i = 0; i < links.Length; i++)
        {
            links[i] = (new GrainId(reader.ReadStringPayload(), reader.ReadStringPayload()), reader.ReadStringPayload(), ReadRunToken(ref reader));
        }

        for (var i = links.Length - 1; i >= 0; i--)
        {
            chain = new CallChain(links[i].Grain, links[i].Method, links[i].Token, chain);
        }

        if (key.Length == 0)
        {
            throw new ProtocolException("A request names a grain with an empty key.");
        }

        var method = targets.Resolve(grainType, interfaceName, methodId);
        var count = reader.ReadCount("argument list");
        if (count != method.ParameterTypes.Length)
        {
            throw new ProtocolException($"{method} takes {method.ParameterTypes.Length} arguments; the request has {count}.");
        }

        // Into the generated request when the interface has one, so the call runs on typed fields as in process.
        var request = method.NewRequest();
        for (var i = 0; i < count; i++)
        {
            var argument = CodecProvider.Get(method.ParameterTypes[i]).Read(ref reader);
            if (argument is null && method.ParameterTypes[i].IsValueType && Nullable.GetUnderlyingType(method.ParameterTypes[i]) is null)
            {
                throw new ProtocolException($"Argument {i} of {method} is null but must be a {method.ParameterTypes[i].Name}.");
            }

            try
            {
                request.SetArgument(i, argument);
            }
            catch (InvalidCastException) when (request is not RejectedRequest)
            {
                // The generated request holds another type than the codec read (stale generated code): this call fails,
                // as the argument array did when the method ran, and the connection it came on stays up.
                request = new RejectedRequest(request, new ArgumentException(
                    $"Argument {i} of {method} is a {argument?.GetType().Name}, which the silo's generated request cannot take: rebuild the grain interfaces' assembly so client and silo agree."));
            }
        }

        var forwardCount = ReadForwardCount(ref reader);
        EnsureEnd(ref reader);
        return new WireRequest(correlationId, new GrainId(grainType, key), method, request, timeout, chain, forwardCount) { TraceContext = traceContext };
    }

    /// <summary>The optional hop count after the arguments; only a positive one is written, so anything else is left over.</summary>
    private static int ReadForwardCount(ref WireReader reader)
    {
        if (reader.End)
        {
            return 0;
        }

        var probe = reader;
        var count = probe.ReadUVarInt();
        if (count == 0)
        {
            return 0;
        }

        reader = probe;
        return (int)Math.Min(count, int.MaxValue);
    }

    /// <summary>A call-chain link's run token: the silo that ran the request, then that silo's counter.</summary>
    private static RunToken ReadRunToken(ref WireReader reader)
    {
        var silo = reader.ReadStringPayload();
        return SiloAddress.TryParse(silo, out var address)
            ? new RunToken(address!, reader.ReadVarInt())
            : throw new ProtocolException($"A call-chain link names '{silo}', which is not a silo address (host:port:generation).");
    }

    public static void WriteResponse(WireWriter writer, long correlationId, GrainMethod method, object? result)
    {
        var at = Begin(writer, FrameKind.Response);
        writer.WriteUVarInt((ulong)correlationId);
        if (method.ResultType == typeof(void))
        {
            writer.WriteTag(WireType.Null);
        }
        else
        {
            CodecProvider.Get(method.ResultType).Write(writer, result);
        }

        End(writer, at);
    }

    public static void WriteFailure(WireWriter writer, long correlationId, Exception exception)
    {
        var at = Begin(writer, FrameKind.Response);
        writer.WriteUVarInt((ulong)correlationId);
        Exceptions.WriteTyped(writer, exception);
        End(writer, at);
    }

    public static long ReadCorrelationId(ref WireReader reader) => (long)Math.Min(reader.ReadUVarInt(), long.MaxValue);

    /// <summary>Reads a response body: the result, or the exception the grain threw (returned, not thrown).</summary>
    public static (object? Result, Exception? Error) ReadResponseBody(ref WireReader reader, GrainMethod method)
    {
        var tag = reader.ReadTag();
        if (tag == WireType.Exception)
        {
            var error = Exceptions.ReadTyped(ref reader, tag);
            EnsureEnd(ref reader);
            return (null, error);
        }

        object? result = null;
        if (method.ResultType != typeof(void))
        {
            result = CodecProvider.Get(method.ResultType).Read(ref reader, tag);
        }
        else if (tag != WireType.Null)
        {
            throw new ProtocolException($"{method} returns no value, but the response carries one.");
        }

        EnsureEnd(ref reader);
        return (result, null);
    }

    public static void EnsureEnd(ref WireReader reader)
    {
        if (!reader.End)
        {
            throw new ProtocolException($"A frame has {reader.Remaining} bytes left over after its content.");
        }
    }
}
