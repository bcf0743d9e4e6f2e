namespace OrleansBank.Telemetry.Tests;

public class TelemetryOptionsTests
{
    [Theory]
    [InlineData("http://127.0.0.1:4318", true)]
    [InlineData("https://collector.example.com/otlp", true)]
    [InlineData("collector:4318", false)]
    [InlineData("ftp://collector", false)]
    [InlineData("/v1/traces", false)]
    [InlineData("", false)]
    public void IsEndpoint_Value_AcceptsOnlyAbsoluteHttpUrls(string value, bool expected) =>
        Assert.Equal(expected, OtlpOptions.IsEndpoint(value));

    [Theory]
    [InlineData("0", true)]
    [InlineData("0.01", true)]
    [InlineData("1", true)]
    [InlineData("1.5", false)]
    [InlineData("-0.1", false)]
    [InlineData("NaN", false)]
    [InlineData("often", false)]
    public void IsSampleRatio_Value_AcceptsZeroToOne(string value, bool expected) =>
        Assert.Equal(expected, TracingOptions.IsSampleRatio(value));

    [Fact]
    public void Problems_BadEndpoint_NamesItAndAnExample()
    {
        var problem = Assert.Single(new OtlpOptions { Endpoint = "collector:4318" }.Problems());

        Assert.Contains("'collector:4318'", problem);
        Assert.Contains("http://127.0.0.1:4318", problem);
    }

    [Fact]
    public void Problems_Defaults_None()
    {
        Assert.Empty(new OtlpOptions().Problems());
        Assert.Empty(new TracingOptions().Problems());
        Assert.Equal(0.01, new TracingOptions().SampleRatio);
    }

    [Fact]
    public void Problems_RatioAboveOne_SaysTheRange() =>
        Assert.Contains("from 0", Assert.Single(new TracingOptions { SampleRatio = 2 }.Problems()));
}
