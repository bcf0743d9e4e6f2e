namespace OrleansBank.Client.Commands;

/// <summary>One statement that could not be downloaded, and why.</summary>
internal sealed record DownloadFailure(string Account, string Error, [property: System.Text.Json.Serialization.JsonIgnore] bool Unreachable);
