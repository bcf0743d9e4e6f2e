using OrleansBank.Runtime.Cluster;

namespace OrleansBank.Runtime.Tests.Cluster;

/// <summary>Bad reminder settings are refused naming the setting and what it needs.</summary>
public sealed class ReminderOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        Assert.True(new ReminderOptionsValidator().Validate(null, new ReminderOptions()).Succeeded);
    }

    [Fact]
    public void Validate_EverySettingOutOfRange_NamesEachOne()
    {
        var result = new ReminderOptionsValidator().Validate(null, new ReminderOptions
        {
            PollInterval = TimeSpan.Zero,
            LeaseDuration = TimeSpan.FromMilliseconds(500),
            MaxTicksPerPoll = 0,
        });

        Assert.True(result.Failed);
        Assert.Contains("PollInterval is 00:00:00", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("LeaseDuration is 00:00:00.5", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("MaxTicksPerPoll is 0", result.FailureMessage, StringComparison.Ordinal);
    }
}
