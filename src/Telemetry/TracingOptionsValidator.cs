using Microsoft.Extensions.Options;

namespace OrleansBank.Telemetry;

/// <summary>Refuses a sample ratio outside 0..1 at start.</summary>
internal sealed class TracingOptionsValidator : IValidateOptions<TracingOptions>
{
    public ValidateOptionsResult Validate(string? name, TracingOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
