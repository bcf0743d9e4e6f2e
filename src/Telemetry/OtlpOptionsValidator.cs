using Microsoft.Extensions.Options;

namespace OrleansBank.Telemetry;

/// <summary>Refuses an OTLP endpoint that is not an absolute http(s) URL at start, naming it.</summary>
internal sealed class OtlpOptionsValidator : IValidateOptions<OtlpOptions>
{
    public ValidateOptionsResult Validate(string? name, OtlpOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
