namespace OrleansBank.Telemetry;

/// <summary>The names the runtime and the bank publish under: one ActivitySource and one Meter name.</summary>
public static class TelemetryNames
{
    /// <summary>The ActivitySource of grain calls, log appends and client commands.</summary>
    public const string ActivitySource = "OrleansBank";

    /// <summary>The Meter of the runtime's and the bank's instruments.</summary>
    public const string Meter = "OrleansBank";
}
