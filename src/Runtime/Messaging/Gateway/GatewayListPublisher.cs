using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using OrleansBank.Runtime.Messaging.Protocol;
using OrleansBank.Runtime.Messaging.Serialization;
using OrleansBank.Runtime.Messaging.Transport;

namespace OrleansBank.Runtime.Messaging.Gateway;

/// <summary>
/// Tells every welcomed client the cluster's gateways: right after its welcome, whenever the list changes, and once
/// more when this gateway drains, flagged so the client sends its next calls elsewhere.
/// </summary>
internal sealed partial class GatewayListPublisher : IDisposable
{
    private readonly ConcurrentDictionary<FramedConnection, byte> _clients = new();
    private readonly IGatewayListProvider? _provider;
    private readonly ILogger _logger;
    private volatile string? _own;
    private volatile bool _draining;

    public GatewayListPublisher(IGatewayListProvider? provider, ILogger logger)
    {
        _provider = provider;
        _logger = logger;
        if (provider is not null)
        {
            provider.Changed += Broadcast;
        }
    }

    /// <summary>This silo's own gateway as clients reach it; named when the provider names none.</summary>
    public string? OwnGateway
    {
        get => _own;
        set => _own = value;
    }

    public bool Draining => _draining;

    /// <summary>What a client is told now. A draining gateway leaves itself out.</summary>
    public GatewayList Current
    {
        get
        {
            var draining = _draining;
            IReadOnlyList<string> gateways = _provider?.Gateways is { Count: > 0 } listed ? listed : _own is { } own ? [own] : [];
            return new GatewayList(draining ? [.. gateways.Where(g => g != _own)] : gateways, draining);
        }
    }

    /// <summary>Sends a client just welcomed the list, and keeps it for the pushes that follow, until it closes.</summary>
    public void Welcomed(FramedConnection client)
    {
        _clients[client] = 0;
        _ = client.Closed.ContinueWith(_ => _clients.TryRemove(client, out var _), TaskScheduler.Default);
        Send(client, Current);
    }

    /// <summary>Tells every client to move: its calls in flight are still answered, its next ones go elsewhere.</summary>
    public void Drain()
    {
        _draining = true;
        LogDraining(_logger, _clients.Count);
        Broadcast();
    }

    public void Dispose()
    {
        if (_provider is not null)
        {
            _provider.Changed -= Broadcast;
        }
    }

    private void Broadcast()
    {
        var list = Current;
        foreach (var client in _clients.Keys)
        {
            Send(client, list);
        }
    }

    private static void Send(FramedConnection client, GatewayList list)
    {
        var frame = new WireWriter();
        GatewayListCodec.Write(frame, list);
        client.Send(frame);
    }

    [LoggerMessage(2030, LogLevel.Information, "Draining the gateway: told {Count} client(s) to send their next calls to another gateway")]
    private static partial void LogDraining(ILogger logger, int count);
}
