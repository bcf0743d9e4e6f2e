using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Cluster;

/// <summary>Refuses reminder options the service cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var problems = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add($"Reminders: PollInterval is {options.PollInterval}; give a time above 0 and at most a minute, e.g. 00:00:00.250.");
        }

        if (options.LeaseDuration < TimeSpan.FromSeconds(1))
        {
            problems.Add($"Reminders: LeaseDuration is {options.LeaseDuration}; give at least a second, and more than the grain call timeout, e.g. 00:01:00.");
        }

        if (options.MaxTicksPerPoll is < 1 or > 10_000)
        {
            problems.Add($"Reminders: MaxTicksPerPoll is {options.MaxTicksPerPoll}; give 1 to 10000.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
