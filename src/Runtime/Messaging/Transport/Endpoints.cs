namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Parses "host:port".</summary>
internal static class Endpoints
{
    public static (string Host, int Port) Parse(string endpoint) =>
        TryParse(endpoint, out var host, out var port)
            ? (host, port)
            : throw new ArgumentException($"'{endpoint}' is not an endpoint: write it as host:port, e.g. localhost:30000.", nameof(endpoint));

    /// <summary>True for text of the shape host:port with a port from 0 to 65535.</summary>
    public static bool IsEndpoint(string endpoint) => TryParse(endpoint, out _, out _);

    private static bool TryParse(string endpoint, out string host, out int port)
    {
        var colon = endpoint.LastIndexOf(':');
        host = colon > 0 ? endpoint[..colon].Trim('[', ']') : "";
        port = 0;
        return colon > 0 && int.TryParse(endpoint.AsSpan(colon + 1), out port) && port is >= 0 and <= 65535;
    }
}
