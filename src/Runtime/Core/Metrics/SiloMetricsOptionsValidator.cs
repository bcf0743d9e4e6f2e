using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Metrics;

/// <summary>Refuses <see cref="SiloMetricsOptions"/> that make no sense, when the silo starts.</summary>
internal sealed class SiloMetricsOptionsValidator : IValidateOptions<SiloMetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, SiloMetricsOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
