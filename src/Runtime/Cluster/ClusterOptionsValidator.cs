using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Stops a silo or client at start when its <see cref="ClusterOptions"/> are unusable, saying why.</summary>
internal sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
