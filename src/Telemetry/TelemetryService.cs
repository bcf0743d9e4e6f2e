namespace OrleansBank.Telemetry;

/// <summary>Who is exporting: the OpenTelemetry service.name (e.g. "orleansbank-silo") and this process's instance id.</summary>
internal sealed record TelemetryService(string Name, string InstanceId);
