namespace OrleansBank.Silo.Http;

/// <summary>The body of a healthy answer from /health, /health/live or /health/ready: "healthy" and each check's words.</summary>
/// <param name="Status">Always "healthy": an unhealthy silo answers 503 with problem details instead.</param>
/// <param name="Checks">Each readiness check by name, with what it found; empty for liveness.</param>
internal sealed record HealthReportBody(string Status, IReadOnlyDictionary<string, string> Checks);
