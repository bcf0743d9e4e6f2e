using OrleansBank.Runtime.Activation;
using OrleansBank.Runtime.Calls;
using OrleansBank.Runtime.Messaging;
using OrleansBank.Runtime.Messaging.Gateway;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Tests.TestGrains;

namespace OrleansBank.Runtime.Tests.Messaging.Serialization;

/// <summary>Random and mutated frames through the decoders: they must never crash with anything but a ProtocolException, nor hang.</summary>
public class DecoderFuzzTests
{
    private const int Iterations = 100_000;

    private static readonly SiloTargetResolver Targets = new(new GrainTypeRegistry([typeof(DecoderFuzzTests).Assembly]));

    [Fact]
    public async Task RequestDecoder_100000RandomAndMutatedFrames_OnlyEverThrowsProtocolException()
    {
        var seed = Environment.TickCount;
        var valid = ValidRequestPayloads();
        var random = new Random(seed);
        var outcomes = new int[2];

        // The guard turns a hang into a failure; the decoder's loops are all bounded by the input's length.
        await Task.Run(() =>
        {
            for (var i = 0; i < Iterations; i++)
            {
                var payload = i % 2 == 0 ? RandomBytes(random) : Mutate(random, valid[random.Next(valid.Count)]);
                try
                {
                    var reader = new WireReader(payload);
                    if (reader.ReadByte() == (byte)FrameKind.Request)
                    {
                        FrameCodec.ReadRequest(ref reader, Targets);
                    }
                    else
                    {
                        FrameCodec.ReadHello(ref reader);
                    }

                    outcomes[0]++;
                }
                catch (ProtocolException)
                {
                    outcomes[1]++;
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException(
                        $"Seed {seed}, iteration {i}: {ex.GetType().Name} ({ex.Message}) for payload {Convert.ToHexString(payload)}", ex);
                }
            }
        }).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(Iterations, outcomes[0] + outcomes[1]);
        Assert.True(outcomes[1] > Iterations / 2, "most random frames must be rejected");
    }

    [Fact]
    public async Task ResponseDecoder_100000MutatedResponses_OnlyEverThrowsProtocolException()
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var method = GrainInterface.For(typeof(IEchoGrain)).Methods.Single(m => m.Name == nameof(IEchoGrain.Echo));
        using var writer = new WireWriter();
        FrameCodec.WriteResponse(writer, 42, method, SampleParcel());
        var valid = writer.WrittenSpan[(FrameCodec.HeaderSize + 1)..].ToArray();

        await Task.Run(() =>
        {
            for (var i = 0; i < Iterations; i++)
            {
                var payload = Mutate(random, valid);
                try
                {
                    var reader = new WireReader(payload);
                    FrameCodec.ReadCorrelationId(ref reader);
                    FrameCodec.ReadResponseBody(ref reader, method);
                }
                catch (ProtocolException)
                {
                }
                catch (Exception ex)
                {
                    throw new InvalidOperationException(
                        $"Seed {seed}, iteration {i}: {ex.GetType().Name} ({ex.Message}) for payload {Convert.ToHexString(payload)}", ex);
                }
            }
        }).WaitAsync(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void RequestDecoder_ValidFrames_Decode()
    {
        foreach (var payload in ValidRequestPayloads())
        {
            var reader = new WireReader(payload);
            Assert.Equal((byte)FrameKind.Request, reader.ReadByte());
            Assert.NotNull(FrameCodec.ReadRequest(ref reader, Targets).Method);
        }
    }

    private static Parcel SampleParcel() =>
        new("box", 1.25m, Colour.Red, [1, 2], new() { ["k"] = Guid.Empty }, DateTimeOffset.UnixEpoch, TimeSpan.FromSeconds(3), 2);

    private static List<byte[]> ValidRequestPayloads()
    {
        var echo = GrainInterface.For(typeof(IEchoGrain));
        var calls = new (GrainMethod Method, object?[] Args)[]
        {
            (echo.Methods.Single(m => m.Name == nameof(IEchoGrain.Echo)), [SampleParcel()]),
            (echo.Methods.Single(m => m.Name == nameof(IEchoGrain.Add)), [1.5m, 2m]),
            (echo.Methods.Single(m => m.Name == nameof(IEchoGrain.Nothing)), []),
        };
        return calls.Select(call =>
        {
            using var writer = new WireWriter();
            var message = new Message
            {
                Id = 7,
                Target = new GrainId("echo", "e"),
                Method = call.Method,
                Request = new ArgumentsRequest(call.Method, call.Args),
                DeadlineTimestamp = 0,
                Chain = new CallChain(new GrainId("chain", "a"), "Ping", new RunToken(new SiloAddress("127.0.0.1", 11111, 1), 3), null),
                ReplyTo = null!,
            };
            FrameCodec.WriteRequest(writer, 7, message, TimeSpan.FromSeconds(30));
            return writer.WrittenSpan[FrameCodec.HeaderSize..].ToArray();
        }).ToList();
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 256)];
        random.NextBytes(bytes);
        if (bytes.Length > 0 && random.Next(2) == 0)
        {
            bytes[0] = (byte)FrameKind.Request;
        }

        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = valid.ToList();
        for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(5))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 2:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 3:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                default:
                    bytes.InsertRange(at, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
                    break;
            }
        }

        return [.. bytes];
    }
}
