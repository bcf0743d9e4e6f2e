using Microsoft.Extensions.Options;

namespace OrleansBank.Grains;

/// <summary>Refuses transfer options a reminder cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed class TransferOptionsValidator : IValidateOptions<TransferOptions>
{
    public ValidateOptionsResult Validate(string? name, TransferOptions options)
    {
        var problems = new List<string>();
        if (options.ResumeDueTime < TimeSpan.Zero)
        {
            problems.Add($"Transfers: ResumeDueTime is {options.ResumeDueTime}; give 0 or more, e.g. 00:00:10.");
        }

        if (options.ResumePeriod < TimeSpan.FromSeconds(1))
        {
            problems.Add($"Transfers: ResumePeriod is {options.ResumePeriod}; a reminder's period is at least a second, e.g. 00:01:00.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
