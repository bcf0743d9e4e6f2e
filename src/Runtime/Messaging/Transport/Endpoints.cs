namespace OrleansBank.Runtime.Messaging.Transport;

/// <summary>Parses "host:port".</summary>
internal static class Endpoints
{
    public static (string Host, int Port) Parse(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        return colon > 0 && int.TryParse(endpoint.AsSpan(colon + 1), out var port) && port is >= 0 and <= 65535
            ? (endpoint[..colon].Trim('[', ']'), port)
            : throw new ArgumentException($"'{endpoint}' is not an endpoint: write it as host:port, e.g. localhost:30000.", nameof(endpoint));
    }
}
