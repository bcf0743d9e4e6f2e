using System.Diagnostics;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.Protocol;

public class TraceContextCodecTests
{
    private static readonly GrainInterface Echo = GrainInterface.For(typeof(IEchoGrain));
    private static readonly GrainMethod AddMethod = Echo.Methods.Single(m => m.Name == nameof(IEchoGrain.Add));
    private static readonly ActivityContext Sampled = new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    [Fact]
    public void WriteRequest_WithTraceContext_ReadRequestReturnsTraceIdSpanIdAndFlagsAsRemote()
    {
        var request = RoundTrip(Sampled);

        Assert.Equal(Sampled.TraceId, request.TraceContext.TraceId);
        Assert.Equal(Sampled.SpanId, request.TraceContext.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, request.TraceContext.TraceFlags);
        Assert.True(request.TraceContext.IsRemote);
        Assert.Null(request.TraceContext.TraceState);
        Assert.Equal([1.25m, 2m], request.Request.GetArguments());
    }

    [Fact]
    public void WriteRequest_UnsampledContextWithTraceState_KeepsBoth()
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.None, "vendor=opaque,other=1");

        var request = RoundTrip(context);

        Assert.Equal(context.TraceId, request.TraceContext.TraceId);
        Assert.Equal(ActivityTraceFlags.None, request.TraceContext.TraceFlags);
        Assert.Equal("vendor=opaque,other=1", request.TraceContext.TraceState);
    }

    [Fact]
    public void WriteRequest_WithoutTraceContext_CostsOneZeroByteAndReadsAsNone()
    {
        var plain = Payload(default);
        var traced = Payload(Sampled);

        var reader = new WireReader(plain);
        var request = FrameCodec.ReadRequest(ref reader, new EchoTargets());

        Assert.Equal(default, request.TraceContext);
        // The traced one adds the trace id (16), the span id (8) and the trace flags (1) after the same flags byte.
        Assert.Equal(plain.Length + 25, traced.Length);
        var flagsAt = FlagsOffset();
        Assert.Equal(0, plain[flagsAt]);
        Assert.Equal(1, traced[flagsAt]);
    }

    [Theory]
    [InlineData(new byte[] { 4 }, "flags are 4")]
    [InlineData(new byte[] { 2 }, "flags are 2")]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 1 }, "all-zero trace id")]
    public void Read_FlawedContext_ThrowsProtocolExceptionSayingWhat(byte[] bytes, string expected)
    {
        var error = Assert.Throws<ProtocolException>(() =>
        {
            var reader = new WireReader(bytes);
            TraceContextCodec.Read(ref reader);
        });

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Write_TraceStateOverTheW3CLimit_SendsTheContextWithoutIt()
    {
        // A caller's parent span may carry any tracestate; the request must still be readable (W3C: discard it).
        using var writer = new WireWriter();
        TraceContextCodec.Write(writer, new ActivityContext(Sampled.TraceId, Sampled.SpanId, Sampled.TraceFlags, "k=" + new string('v', TraceContextCodec.MaxTraceStateLength)));

        var reader = new WireReader(writer.WrittenSpan);
        var read = TraceContextCodec.Read(ref reader);

        Assert.Equal(Sampled.TraceId, read.TraceId);
        Assert.Null(read.TraceState);
    }

    [Fact]
    public void Read_TraceStateOverTheW3CLimit_DiscardsItAndKeepsTheContext()
    {
        using var writer = new WireWriter();
        writer.WriteByte(3); // a context with a tracestate
        writer.WriteFixed64(1);
        writer.WriteFixed64(2);
        writer.WriteFixed64(3);
        writer.WriteByte((byte)ActivityTraceFlags.Recorded);
        writer.WriteStringPayload("k=" + new string('v', TraceContextCodec.MaxTraceStateLength));

        var reader = new WireReader(writer.WrittenSpan);
        var read = TraceContextCodec.Read(ref reader);

        Assert.NotEqual(default, read.TraceId);
        Assert.Null(read.TraceState);
        Assert.Equal(0, reader.Remaining);
    }

    private static WireRequest RoundTrip(ActivityContext context)
    {
        var reader = new WireReader(Payload(context));
        return FrameCodec.ReadRequest(ref reader, new EchoTargets());
    }

    /// <summary>Where the flags byte sits in a request payload: after id, target, interface, method id and timeout.</summary>
    private static int FlagsOffset()
    {
        using var writer = new WireWriter();
        writer.WriteUVarInt(7);
        writer.WriteStringPayload("echo");
        writer.WriteStringPayload("e-1");
        writer.WriteStringPayload(typeof(IEchoGrain).FullName!);
        writer.WriteUVarInt(AddMethod.Id);
        writer.WriteUVarInt(5000);
        return writer.Length;
    }

    private static byte[] Payload(ActivityContext context)
    {
        using var writer = new WireWriter();
        FrameCodec.WriteRequest(writer, 7, new Message
        {
            Id = 7,
            Target = new GrainId("echo", "e-1"),
            Method = AddMethod,
            Request = new ArgumentsRequest(AddMethod, [1.25m, 2m]),
            DeadlineTimestamp = 0,
            Chain = null,
            ReplyTo = null!,
            TraceContext = context,
        }, TimeSpan.FromSeconds(5));
        return writer.WrittenSpan[(FrameCodec.HeaderSize + 1)..].ToArray();
    }

    private sealed class EchoTargets : IGrainTargetResolver
    {
        public GrainMethod Resolve(string grainType, string interfaceName, uint methodId) =>
            Echo.TryGetMethod(methodId, out var method) ? method! : throw new UnknownGrainTargetException($"Not hosted here: {methodId}.");
    }
}
