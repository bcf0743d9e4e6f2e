using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Stops a silo or client at start when its <see cref="ClusterOptions"/> are unusable, saying why.</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    /// <summary>Long enough for any naming scheme, short enough for a PostgreSQL NOTIFY payload and an index key.</summary>
    public const int MaxLength = 128;

    /// <summary>Fails naming every problem with the options, if there is one.</summary>
    public ValidateOptionsResult Validate(string? name, ClusterOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;

    /// <summary>What is wrong with <paramref name="clusterId"/>, or null when it is usable.</summary>
    public static string? Problem(string? clusterId) =>
        string.IsNullOrWhiteSpace(clusterId) ? "ClusterId is empty; give a name such as orleansbank."
        : clusterId.Length > MaxLength ? $"ClusterId is {clusterId.Length} characters long; give at most {MaxLength}."
        : clusterId.Any(char.IsControl) ? "ClusterId contains control characters; use letters, digits, '-', '_' or '.'."
        : null;
}
