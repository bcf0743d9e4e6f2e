using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Refuses a cluster id the stores cannot key rows by, saying what a good one looks like.</summary>
public sealed class ClusterOptionsValidator : IValidateOptions<ClusterOptions>
{
    /// <summary>Long enough for any naming scheme, short enough for a PostgreSQL NOTIFY payload and an index key.</summary>
    public const int MaxLength = 128;

    /// <summary>Fails naming the problem with the cluster id, if there is one.</summary>
    public ValidateOptionsResult Validate(string? name, ClusterOptions options) => Problem(options.ClusterId) is { } problem
        ? ValidateOptionsResult.Fail(problem)
        : ValidateOptionsResult.Success;

    /// <summary>What is wrong with <paramref name="clusterId"/>, or null when it is usable.</summary>
    public static string? Problem(string? clusterId) =>
        string.IsNullOrWhiteSpace(clusterId) ? "ClusterId is empty; give a name such as orleansbank."
        : clusterId.Length > MaxLength ? $"ClusterId is {clusterId.Length} characters long; give at most {MaxLength}."
        : clusterId.Any(char.IsControl) ? "ClusterId contains control characters; use letters, digits, '-', '_' or '.'."
        : null;
}
