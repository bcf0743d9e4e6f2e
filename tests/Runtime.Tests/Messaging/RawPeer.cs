using System.Buffers.Binary;
using System.Net.Sockets;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.TestingHost;

namespace OrleansBank.Runtime.Tests.Messaging;

/// <summary>A hand-driven TCP peer of a gateway: sends exactly the bytes a test gives it.</summary>
internal sealed class RawPeer(TcpClient client) : IDisposable
{
    public static async Task<RawPeer> ConnectAsync(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var client = new TcpClient();
        await client.ConnectAsync(endpoint[..colon], int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return new RawPeer(client);
    }

    public static byte[] Header(int length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        return header;
    }

    public static byte[] Frame(byte[] payload) => [.. Header(payload.Length), .. payload];

    public static byte[] Hello()
    {
        using var writer = new WireWriter();
        FrameCodec.WriteHello(writer, "raw-peer");
        return writer.WrittenSpan.ToArray();
    }

    public Task SendAsync(byte[] bytes) => client.GetStream().WriteAsync(bytes).AsTask();

    /// <summary>Reads one whole frame; returns its kind and the rest of its payload.</summary>
    public async Task<(FrameKind Kind, byte[] Body)> ReadFrameAsync()
    {
        var stream = client.GetStream();
        var header = new byte[4];
        await stream.ReadExactlyAsync(header).AsTask().WaitAsync(Poll.DefaultTimeout);
        var payload = new byte[BinaryPrimitives.ReadInt32LittleEndian(header)];
        await stream.ReadExactlyAsync(payload).AsTask().WaitAsync(Poll.DefaultTimeout);
        return ((FrameKind)payload[0], payload[1..]);
    }

    /// <summary>Reads until the silo closes the connection; returns what it sent.</summary>
    public async Task<byte[]> WaitUntilClosedAsync()
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        var stream = client.GetStream();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Poll.DefaultTimeout)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // reset by the silo: closed too
        }

        return received.ToArray();
    }

    public void Dispose() => client.Dispose();
}
