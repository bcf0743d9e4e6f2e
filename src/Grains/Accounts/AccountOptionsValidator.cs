using Microsoft.Extensions.Options;

namespace OrleansBank.Grains;

/// <summary>Refuses account options an activation cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed class AccountOptionsValidator : IValidateOptions<AccountOptions>
{
    public ValidateOptionsResult Validate(string? name, AccountOptions options) => options.RecentWindow < 1
        ? ValidateOptionsResult.Fail($"Accounts: RecentWindow is {options.RecentWindow}; give how many recent entries an account keeps in memory, at least 1, e.g. 1000.")
        : ValidateOptionsResult.Success;
}
