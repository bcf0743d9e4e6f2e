using Microsoft.Extensions.Options;

namespace OrleansBank.Silo.Dashboard;

/// <summary>Refuses dashboard settings that make no sense, naming each one and its allowed range.</summary>
internal sealed class DashboardOptionsValidator : IValidateOptions<DashboardOptions>
{
    public ValidateOptionsResult Validate(string? name, DashboardOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
