using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.Protocol;

/// <summary>A generated request that cannot take what the codec read (stale generated code) fails its call, not its connection.</summary>
public class FrameCodecArgumentTypeTests
{
    private static readonly GrainMethod Add = GrainInterface.For(typeof(IEchoGrain)).Methods.Single(m => m.Name == nameof(IEchoGrain.Add));

    [Fact]
    public async Task ReadRequest_ArgumentOfAnotherTypeThanTheGeneratedRequest_FailsThatCallAlone()
    {
        var targets = new StaleTargets();

        var reader = new WireReader(AddFrame(1.5m, 2m));
        var request = FrameCodec.ReadRequest(ref reader, targets);

        // Decoding succeeds (the gateway catches no InvalidCastException, so one would drop the connection); running fails.
        var error = await Assert.ThrowsAsync<ArgumentException>(() => request.Request.Invoke(new object()));
        Assert.Contains("Argument 0 of IEchoGrain.Add is a Decimal", error.Message, StringComparison.Ordinal);
        Assert.Contains("rebuild", error.Message, StringComparison.Ordinal);

        // The next request on the same connection decodes as usual.
        var next = new WireReader(AddFrame(1.5m, 2m));
        var fine = FrameCodec.ReadRequest(ref next, new StaleTargets(stale: false));
        Assert.Equal(1.5m, fine.Request.GetArgument(0));
        Assert.Equal(2m, fine.Request.GetArgument(1));
    }

    private static byte[] AddFrame(decimal a, decimal b)
    {
        using var writer = new WireWriter();
        writer.WriteUVarInt(1);
        writer.WriteStringPayload("echo");
        writer.WriteStringPayload("k");
        writer.WriteStringPayload(typeof(IEchoGrain).FullName!);
        writer.WriteUVarInt(Add.Id);
        writer.WriteUVarInt(1000);
        writer.WriteByte(0); // no trace context
        writer.WriteUVarInt(0);
        writer.WriteUVarInt(2);
        CodecProvider.Get(typeof(decimal)).Write(writer, a);
        CodecProvider.Get(typeof(decimal)).Write(writer, b);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Resolves Add to a copy whose generated request holds a string where the method takes a decimal.</summary>
    private sealed class StaleTargets(bool stale = true) : IGrainTargetResolver
    {
        public GrainMethod Resolve(string grainType, string interfaceName, uint methodId) => !stale ? Add : new GrainMethod
        {
            InterfaceType = Add.InterfaceType,
            Id = Add.Id,
            Method = Add.Method,
            ParameterTypes = Add.ParameterTypes,
            ResultType = Add.ResultType,
            IsReadOnly = Add.IsReadOnly,
            IsAlwaysInterleave = Add.IsAlwaysInterleave,
            Timeout = Add.Timeout,
            Invoke = Add.Invoke,
            GetResult = Add.GetResult,
            CreateRequest = () => new StringRequest(),
        };
    }

    private sealed class StringRequest : GrainRequest
    {
        private string _a = "";
        private string _b = "";

        public override int ArgumentCount => 2;

        public override object? GetArgument(int index) => index == 0 ? _a : _b;

        public override void SetArgument(int index, object? value)
        {
            if (index == 0)
            {
                _a = (string)value!;
            }
            else
            {
                _b = (string)value!;
            }
        }

        public override Task Invoke(object grain) => Task.FromResult(_a + _b);
    }
}
