using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Activation;

/// <summary>Refuses collection settings the collector cannot work with, naming the option and what to set instead.</summary>
internal sealed class GrainCollectionOptionsValidator : IValidateOptions<GrainCollectionOptions>
{
    public ValidateOptionsResult Validate(string? name, GrainCollectionOptions options)
    {
        var problems = new List<string>();
        if (options.CollectionAge <= TimeSpan.Zero)
        {
            problems.Add($"GrainCollectionOptions.CollectionAge is {options.CollectionAge}; give a positive time such as 00:15:00.");
        }

        if (options.CollectionQuantum <= TimeSpan.Zero)
        {
            problems.Add($"GrainCollectionOptions.CollectionQuantum is {options.CollectionQuantum}; give a positive time such as 00:01:00.");
        }

        if (options.CompactHeapAfterCollecting < 0)
        {
            problems.Add($"GrainCollectionOptions.CompactHeapAfterCollecting is {options.CompactHeapAfterCollecting}; give 0 (never) or a count of activations such as 10000.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
