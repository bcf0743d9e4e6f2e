using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace OrleansBank.Benchmarks;

/// <summary>
/// The floor for wire calls: length-prefixed frames echoed over one TCP connection, many in flight, matched by an
/// id in the first 8 payload bytes. Same batching as the real connection; no serialization, no grains.
/// </summary>
internal sealed class RawEchoServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _accept;

    public RawEchoServer()
    {
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            var socket = await _listener.AcceptSocketAsync();
            socket.NoDelay = true;
            _ = Task.Run(() => EchoAsync(socket));
        }
    }

    private static async Task EchoAsync(Socket socket)
    {
        var stream = new NetworkStream(socket, ownsSocket: true);
        var buffer = new byte[256 * 1024];
        var filled = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(filled))) > 0)
            {
                filled += read;
                var whole = 0;
                while (filled - whole >= 4 && filled - whole >= 4 + BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(whole)))
                {
                    whole += 4 + BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(whole));
                }

                if (whole > 0)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, whole));
                    buffer.AsSpan(whole, filled - whole).CopyTo(buffer);
                    filled -= whole;
                }
            }
        }
        catch (IOException)
        {
        }
    }
}

internal sealed class RawEchoClient : IAsyncDisposable
{
    private readonly NetworkStream _stream;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pending = new();
    private readonly int _frameSize;
    private readonly Task _reader;
    private readonly Task _writer;
    private long _nextId;

    private RawEchoClient(NetworkStream stream, int frameSize)
    {
        _stream = stream;
        _frameSize = Math.Max(frameSize, 12);
        _reader = Task.Run(ReadAsync);
        _writer = Task.Run(WriteAsync);
    }

    public static async Task<RawEchoClient> ConnectAsync(int port, int frameSize)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        return new RawEchoClient(new NetworkStream(socket, ownsSocket: true), frameSize);
    }

    /// <summary>One round trip of a frame of the configured size.</summary>
    public Task CallAsync()
    {
        var id = Interlocked.Increment(ref _nextId);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = done;
        var frame = new byte[_frameSize];
        BinaryPrimitives.WriteInt32LittleEndian(frame, _frameSize - 4);
        BinaryPrimitives.WriteInt64LittleEndian(frame.AsSpan(4), id);
        _outgoing.Writer.TryWrite(frame);
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _outgoing.Writer.TryComplete();
        await _writer;
        await _stream.DisposeAsync();
        try
        {
            await _reader;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    private async Task WriteAsync()
    {
        var batch = new byte[64 * 1024];
        while (await _outgoing.Reader.WaitToReadAsync())
        {
            var used = 0;
            while (used + _frameSize <= batch.Length && _outgoing.Reader.TryRead(out var frame))
            {
                frame.CopyTo(batch, used);
                used += frame.Length;
            }

            await _stream.WriteAsync(batch.AsMemory(0, used));
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[256 * 1024];
        var filled = 0;
        int read;
        while ((read = await _stream.ReadAsync(buffer.AsMemory(filled))) > 0)
        {
            filled += read;
            var at = 0;
            while (filled - at >= 4 && filled - at >= 4 + BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at)))
            {
                var length = BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at));
                if (_pending.TryRemove(BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(at + 4)), out var done))
                {
                    done.SetResult();
                }

                at += 4 + length;
            }

            buffer.AsSpan(at, filled - at).CopyTo(buffer);
            filled -= at;
        }
    }
}
