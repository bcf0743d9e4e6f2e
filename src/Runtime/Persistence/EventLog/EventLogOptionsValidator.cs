using Microsoft.Extensions.Options;

namespace OrleansBank.Runtime.Persistence;

/// <summary>Refuses event log options a log cannot run with, saying which setting is wrong and what it needs.</summary>
internal sealed class EventLogOptionsValidator : IValidateOptions<EventLogOptions>
{
    public ValidateOptionsResult Validate(string? name, EventLogOptions options) => options.SnapshotEvery < 0
        ? ValidateOptionsResult.Fail($"EventLog: SnapshotEvery is {options.SnapshotEvery}; give a number of events, e.g. 1000, or 0 to write no snapshots.")
        : ValidateOptionsResult.Success;
}
