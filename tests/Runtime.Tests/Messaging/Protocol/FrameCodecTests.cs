using System.Buffers.Binary;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.Protocol;

public class FrameCodecTests
{
    private static readonly GrainInterface Echo = GrainInterface.For(typeof(IEchoGrain));
    private static readonly SiloAddress SiloA = new("127.0.0.1", 11111, 1);
    private static readonly SiloAddress SiloB = new("::1", 11112, 2);
    private static readonly GrainMethod EchoMethod = Echo.Methods.Single(m => m.Name == nameof(IEchoGrain.Echo));
    private static readonly GrainMethod AddMethod = Echo.Methods.Single(m => m.Name == nameof(IEchoGrain.Add));
    private static readonly GrainMethod NothingMethod = Echo.Methods.Single(m => m.Name == nameof(IEchoGrain.Nothing));
    private static readonly EchoTargets Targets = new();
    private static readonly byte[] Marker = "zqzq"u8.ToArray();

    /// <summary>One valid payload of every kind, each with the decoder that reads it, for the malformed-input tests.</summary>
    public static TheoryData<string> EveryFrame => ["hello", "welcome", "refusal", "request", "response", "void response", "failure"];

    [Fact]
    public void Hello_RoundTrip_ReturnsTheClientName()
    {
        var payload = Payload(w => FrameCodec.WriteHello(w, "client-ü"), FrameKind.Hello);

        var reader = new WireReader(payload);
        Assert.Equal("client-ü", FrameCodec.ReadHello(ref reader));
    }

    [Fact]
    public void ReadHello_AnotherMagic_ThrowsProtocolExceptionSayingThePeerDoesNotSpeakIt()
    {
        var payload = Payload(w =>
        {
            var at = FrameCodec.Begin(w, FrameKind.Hello);
            w.WriteStringPayload("HTTP/1.1");
            w.WriteUVarInt(FrameCodec.ProtocolVersion);
            w.WriteStringPayload("c");
            FrameCodec.End(w, at);
        }, FrameKind.Hello);

        var error = Assert.Throws<ProtocolException>(() => Decode("hello", payload));
        Assert.Contains("does not speak the protocol", error.Message);
    }

    [Fact]
    public void ReadHello_AnotherProtocolVersion_ThrowsProtocolExceptionNamingBothVersions()
    {
        var payload = Payload(w =>
        {
            var at = FrameCodec.Begin(w, FrameKind.Hello);
            w.WriteStringPayload(FrameCodec.Magic);
            w.WriteUVarInt(FrameCodec.ProtocolVersion + 1);
            w.WriteStringPayload("c");
            FrameCodec.End(w, at);
        }, FrameKind.Hello);

        var error = Assert.Throws<ProtocolException>(() => Decode("hello", payload));
        Assert.Contains($"version {FrameCodec.ProtocolVersion + 1}", error.Message);
        Assert.Contains($"speaks {FrameCodec.ProtocolVersion}", error.Message);
    }

    [Fact]
    public void Welcome_RoundTrip_ReturnsSiloNameAndManifest()
    {
        var manifest = new Manifest("silo-1", new Dictionary<string, string> { ["A.IFoo"] = "foo", ["B.IBar"] = "bar" });
        var payload = Payload(w => FrameCodec.WriteWelcome(w, manifest), FrameKind.Welcome);

        var reader = new WireReader(payload);
        var read = FrameCodec.ReadWelcome(ref reader);

        Assert.Equal("silo-1", read.SiloName);
        Assert.Equal(manifest.GrainTypesByInterface.OrderBy(p => p.Key), read.GrainTypesByInterface.OrderBy(p => p.Key));
    }

    [Fact]
    public void ReadWelcome_AnotherProtocolVersion_ThrowsProtocolException()
    {
        using var writer = new WireWriter();
        writer.WriteUVarInt(FrameCodec.ProtocolVersion + 1);
        writer.WriteStringPayload("silo");
        writer.WriteUVarInt(0);

        Assert.Throws<ProtocolException>(() => Decode("welcome", writer.WrittenSpan.ToArray()));
    }

    [Fact]
    public void ReadWelcome_ManifestCountBeyondTheBytes_ThrowsProtocolException()
    {
        using var writer = new WireWriter();
        writer.WriteUVarInt(FrameCodec.ProtocolVersion);
        writer.WriteStringPayload("silo");
        writer.WriteUVarInt(int.MaxValue);

        var error = Assert.Throws<ProtocolException>(() => Decode("welcome", writer.WrittenSpan.ToArray()));
        Assert.Contains("manifest", error.Message);
    }

    [Fact]
    public void Refusal_RoundTrip_ReturnsTheReason()
    {
        var payload = Payload(w => FrameCodec.WriteRefusal(w, "at the connection cap"), FrameKind.Refused);

        var reader = new WireReader(payload);
        Assert.Equal("at the connection cap", FrameCodec.ReadRefusal(ref reader));
    }

    [Fact]
    public void Request_RoundTrip_KeepsTargetMethodArgumentsTimeoutAndChain()
    {
        var chain = new CallChain(new GrainId("inner", "i"), "Call", new RunToken(SiloA, 22), new CallChain(new GrainId("outer", "o"), "Start", new RunToken(SiloB, -11), null));
        var payload = Payload(w => FrameCodec.WriteRequest(w, 41, Request(AddMethod, [1.25m, 2m], chain), TimeSpan.FromSeconds(7)), FrameKind.Request);

        var reader = new WireReader(payload);
        var request = FrameCodec.ReadRequest(ref reader, Targets);

        Assert.Equal(41, request.CorrelationId);
        Assert.Equal(new GrainId("echo", "e-1"), request.Target);
        Assert.Same(AddMethod, request.Method);
        Assert.Equal([1.25m, 2m], request.Request.GetArguments());
        Assert.Equal(TimeSpan.FromSeconds(7), request.Timeout);
        Assert.Equal(
            [(new GrainId("inner", "i"), "Call", new RunToken(SiloA, 22)), (new GrainId("outer", "o"), "Start", new RunToken(SiloB, -11))],
            Links(request.Chain));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public void Request_ForwardCount_RoundTripsAndZeroAddsNoByte(int forwardCount)
    {
        var plain = Payload(w => FrameCodec.WriteRequest(w, 1, Request(AddMethod, [1m, 2m], null), TimeSpan.Zero), FrameKind.Request);
        var payload = Payload(w => FrameCodec.WriteRequest(w, 1, Request(AddMethod, [1m, 2m], null), TimeSpan.Zero, forwardCount), FrameKind.Request);

        var reader = new WireReader(payload);
        var request = FrameCodec.ReadRequest(ref reader, Targets);

        Assert.Equal(forwardCount, request.ForwardCount);
        Assert.Equal(forwardCount == 0 ? plain.Length : plain.Length + 1, payload.Length);
    }

    [Fact]
    public void Request_WithoutChainOrArguments_RoundTrips()
    {
        var payload = Payload(w => FrameCodec.WriteRequest(w, 1, Request(NothingMethod, [], null), TimeSpan.Zero), FrameKind.Request);

        var reader = new WireReader(payload);
        var request = FrameCodec.ReadRequest(ref reader, Targets);

        Assert.Same(NothingMethod, request.Method);
        Assert.Empty(request.Request.GetArguments());
        Assert.Null(request.Chain);
        Assert.Equal(TimeSpan.Zero, request.Timeout);
    }

    [Fact]
    public void ReadRequest_EmptyGrainKey_ThrowsProtocolException()
    {
        var payload = RawRequest(key: "", methodId: AddMethod.Id, arguments: w => { w.WriteUVarInt(0); });

        var error = Assert.Throws<ProtocolException>(() => Decode("request", payload));
        Assert.Contains("empty key", error.Message);
    }

    [Fact]
    public void ReadRequest_UnknownMethodId_ThrowsUnknownGrainTargetException()
    {
        var payload = RawRequest(key: "k", methodId: 12345, arguments: w => w.WriteUVarInt(0));

        Assert.Throws<UnknownGrainTargetException>(() => Decode("request", payload));
    }

    [Fact]
    public void ReadRequest_MethodIdBeyond32Bits_ThrowsUnknownGrainTargetException()
    {
        var payload = RawRequest(key: "k", methodId: (ulong)uint.MaxValue + 1, arguments: w => w.WriteUVarInt(0));

        var error = Assert.Throws<UnknownGrainTargetException>(() => Decode("request", payload));
        Assert.Contains("is not a method id", error.Message);
    }

    [Fact]
    public void ReadRequest_WrongArgumentCount_ThrowsProtocolExceptionNamingTheMethod()
    {
        var payload = RawRequest(key: "k", methodId: AddMethod.Id, arguments: w => w.WriteUVarInt(0));

        var error = Assert.Throws<ProtocolException>(() => Decode("request", payload));
        Assert.Contains("takes 2 arguments; the request has 0", error.Message);
    }

    [Fact]
    public void ReadRequest_NullForAValueTypeArgument_ThrowsProtocolException()
    {
        var payload = RawRequest(key: "k", methodId: AddMethod.Id, arguments: w =>
        {
            w.WriteUVarInt(2);
            w.WriteTag(WireType.Null);
            w.WriteTag(WireType.Null);
        });

        var error = Assert.Throws<ProtocolException>(() => Decode("request", payload));
        Assert.Contains("Decimal", error.Message);
    }

    [Fact]
    public void Response_RoundTrip_ReturnsTheResult()
    {
        var parcel = new Parcel("box", 2.5m, Colour.Green, [3], new() { ["t"] = Guid.Empty }, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(1), null);
        var payload = Payload(w => FrameCodec.WriteResponse(w, 9, EchoMethod, parcel), FrameKind.Response);

        var reader = new WireReader(payload);
        Assert.Equal(9, FrameCodec.ReadCorrelationId(ref reader));
        var (result, error) = FrameCodec.ReadResponseBody(ref reader, EchoMethod);

        Assert.Null(error);
        var read = Assert.IsType<Parcel>(result);
        Assert.Equal(parcel with { Items = read.Items, Tags = read.Tags }, read);
        Assert.Equal([3], read.Items);
        Assert.Equal(Guid.Empty, read.Tags["t"]);
    }

    [Fact]
    public void Response_OfAVoidMethod_RoundTripsAsNoValue()
    {
        var payload = Payload(w => FrameCodec.WriteResponse(w, 10, NothingMethod, null), FrameKind.Response);

        var reader = new WireReader(payload);
        Assert.Equal(10, FrameCodec.ReadCorrelationId(ref reader));
        var (result, error) = FrameCodec.ReadResponseBody(ref reader, NothingMethod);

        Assert.Null(result);
        Assert.Null(error);
    }

    [Fact]
    public void ReadResponseBody_ValueForAVoidMethod_ThrowsProtocolException()
    {
        var payload = Payload(w => FrameCodec.WriteResponse(w, 11, AddMethod, 4m), FrameKind.Response);

        var reader = new WireReader(payload);
        FrameCodec.ReadCorrelationId(ref reader);
        try
        {
            FrameCodec.ReadResponseBody(ref reader, NothingMethod);
            Assert.Fail("a value for a method that returns none must be refused");
        }
        catch (ProtocolException error)
        {
            Assert.Contains("returns no value", error.Message);
        }
    }

    [Fact]
    public void Failure_RoundTrip_ReturnsTheExceptionWithItsTypeAndMessage()
    {
        var payload = Payload(w => FrameCodec.WriteFailure(w, 12, new InvalidOperationException("no such account")), FrameKind.Response);

        var reader = new WireReader(payload);
        Assert.Equal(12, FrameCodec.ReadCorrelationId(ref reader));
        var (result, error) = FrameCodec.ReadResponseBody(ref reader, AddMethod);

        Assert.Null(result);
        var failure = Assert.IsType<InvalidOperationException>(error);
        Assert.Equal("no such account", failure.Message);
    }

    [Theory]
    [MemberData(nameof(EveryFrame))]
    public void Decode_EveryTruncation_ThrowsProtocolException(string frame)
    {
        var payload = ValidPayload(frame);

        for (var length = 0; length < payload.Length; length++)
        {
            var truncated = payload[..length];
            var error = Record.Exception(() => Decode(frame, truncated));
            Assert.True(error is ProtocolException, $"{frame} cut to {length} of {payload.Length} bytes gave {error?.GetType().Name ?? "no error"}");
        }
    }

    [Theory]
    [InlineData("refusal")]
    [InlineData("request")]
    [InlineData("response")]
    [InlineData("void response")]
    [InlineData("failure")]
    public void Decode_BytesLeftOverAfterTheContent_ThrowsProtocolException(string frame)
    {
        byte[] payload = [.. ValidPayload(frame), 0];

        var error = Assert.Throws<ProtocolException>(() => Decode(frame, payload));
        Assert.Contains("1 bytes left over", error.Message);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("welcome")]
    [InlineData("refusal")]
    [InlineData("request")]
    [InlineData("response")]
    [InlineData("failure")]
    public void Decode_InvalidUtf8InAString_ThrowsProtocolException(string frame)
    {
        // Every one of these frames carries the marker string (a name, reason, key, label or message).
        var payload = ValidPayload(frame);
        var at = payload.AsSpan().IndexOf(Marker);
        Assert.True(at >= 0, $"the {frame} frame must carry the marker");
        payload[at] = 0xFF;

        var error = Assert.Throws<ProtocolException>(() => Decode(frame, payload));
        Assert.Contains("not valid UTF-8", error.Message);
    }

    private static byte[] ValidPayload(string frame) => frame switch
    {
        "hello" => Payload(w => FrameCodec.WriteHello(w, "zqzq"), FrameKind.Hello),
        "welcome" => Payload(w => FrameCodec.WriteWelcome(w, new Manifest("zqzq", new Dictionary<string, string> { ["I"] = "g" })), FrameKind.Welcome),
        "refusal" => Payload(w => FrameCodec.WriteRefusal(w, "zqzq"), FrameKind.Refused),
        "request" => Payload(w => FrameCodec.WriteRequest(w, 5, Request(AddMethod, [1m, 2m], new CallChain(new GrainId("c", "zqzq"), "M", new RunToken(SiloA, 1), null)), TimeSpan.FromSeconds(1)), FrameKind.Request),
        "response" => Payload(w => FrameCodec.WriteResponse(w, 5, EchoMethod, new Parcel("zqzq", 1m, Colour.Red, [], [], DateTimeOffset.UnixEpoch, TimeSpan.Zero, 1)), FrameKind.Response),
        "void response" => Payload(w => FrameCodec.WriteResponse(w, 5, NothingMethod, null), FrameKind.Response),
        "failure" => Payload(w => FrameCodec.WriteFailure(w, 5, new ArgumentException("zqzq")), FrameKind.Response),
        _ => throw new ArgumentOutOfRangeException(nameof(frame), frame, "no such frame in this test"),
    };

    /// <summary>Decodes a payload (after its kind byte) the way the receiving side does.</summary>
    private static void Decode(string frame, byte[] payload)
    {
        var reader = new WireReader(payload);
        switch (frame)
        {
            case "hello":
                FrameCodec.ReadHello(ref reader);
                break;
            case "welcome":
                FrameCodec.ReadWelcome(ref reader);
                break;
            case "refusal":
                FrameCodec.ReadRefusal(ref reader);
                break;
            case "request":
                FrameCodec.ReadRequest(ref reader, Targets);
                break;
            default:
                FrameCodec.ReadCorrelationId(ref reader);
                FrameCodec.ReadResponseBody(ref reader, frame == "void response" ? NothingMethod : frame == "response" ? EchoMethod : AddMethod);
                break;
        }
    }

    private static Message Request(GrainMethod method, object?[] arguments, CallChain? chain) => new()
    {
        Id = 1,
        Target = new GrainId("echo", "e-1"),
        Method = method,
        Request = new ArgumentsRequest(method, arguments),
        DeadlineTimestamp = 0,
        Chain = chain,
        ReplyTo = null!,
    };

    private static byte[] RawRequest(string key, ulong methodId, Action<WireWriter> arguments)
    {
        using var writer = new WireWriter();
        writer.WriteUVarInt(1);
        writer.WriteStringPayload("echo");
        writer.WriteStringPayload(key);
        writer.WriteStringPayload(typeof(IEchoGrain).FullName!);
        writer.WriteUVarInt(methodId);
        writer.WriteUVarInt(1000);
        writer.WriteByte(0); // no trace context
        writer.WriteUVarInt(0);
        arguments(writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Writes a frame and checks its header: the length of what follows, then the kind; returns the rest.</summary>
    private static byte[] Payload(Action<WireWriter> write, FrameKind kind)
    {
        using var writer = new WireWriter();
        write(writer);
        var frame = writer.WrittenSpan;
        Assert.Equal(frame.Length - FrameCodec.HeaderSize, BinaryPrimitives.ReadInt32LittleEndian(frame));
        Assert.Equal((byte)kind, frame[FrameCodec.HeaderSize]);
        return frame[(FrameCodec.HeaderSize + 1)..].ToArray();
    }

    private static List<(GrainId, string, RunToken)> Links(CallChain? chain)
    {
        var links = new List<(GrainId, string, RunToken)>();
        for (var link = chain; link is not null; link = link.Caller)
        {
            links.Add((link.Grain, link.Method, link.RunToken));
        }

        return links;
    }

    /// <summary>A silo that hosts the echo grain alone, under grain type "echo".</summary>
    private sealed class EchoTargets : IGrainTargetResolver
    {
        public GrainMethod Resolve(string grainType, string interfaceName, uint methodId) =>
            grainType == "echo" && interfaceName == typeof(IEchoGrain).FullName && Echo.TryGetMethod(methodId, out var method)
                ? method!
                : throw new UnknownGrainTargetException($"Not hosted here: {grainType} {interfaceName} {methodId}.");
    }
}
