using OrleansBank.Silo.Configuration;
using OrleansBank.TestingHost;
using OrleansBank.Tests.Shared;
using OrleansBank.Tests.Shared.Telemetry;

namespace OrleansBank.Silo.Tests.Telemetry;

/// <summary>The silo and the client executables export their spans over OTLP/HTTP to a collector on loopback.</summary>
public class OtlpExportTests
{
    [Fact]
    public async Task ClientCommand_SiloAndClientWithOtlpEndpoint_CollectorGetsOneTraceFromCommandToStorageWrite()
    {
        await using var collector = FakeOtlpReceiver.Start();
        // Export soon after a span ends rather than every 5 s.
        var quick = new Dictionary<string, string> { ["OTEL_BSP_SCHEDULE_DELAY"] = "100" };
        await using var silo = await SiloProcess.StartAsync(quick, "--storage", "memory", "--otlp-endpoint", collector.Url, "--trace-sample-ratio", "1");

        var opened = await silo.ClientAsync("open", "otlp-alice", "--initial", "10", "--otlp-endpoint", collector.Url, "--trace-sample-ratio", "1");
        Assert.True(opened.Exit == 0, opened.Stderr);

        // The client flushes as it exits; the silo within its schedule delay.
        await Poll.UntilAsync(
            () => collector.Spans() is var seen && seen.Any(s => s.Name == "orleansbank open") && seen.Count(s => s.Name == "account/Open") >= 2 && seen.Any(s => s.Name == "storage/Append"),
            "the collector to receive the client's and the silo's spans of the open command");
        Assert.Contains(collector.Posts, p => p.Path == "/v1/traces");
        var spans = collector.Spans();
        var command = Assert.Single(spans, s => s.Name == "orleansbank open");
        var trace = spans.Where(s => s.TraceId == command.TraceId).ToList();
        var call = Assert.Single(trace, s => s.Name == "account/Open" && s.ParentSpanId == command.SpanId);
        var run = Assert.Single(trace, s => s.Name == "account/Open" && s.ParentSpanId == call.SpanId);
        Assert.Contains(trace, s => s.Name == "storage/Append" && s.ParentSpanId == run.SpanId);
    }

    [Fact]
    public async Task OtlpEndpoint_NotAnHttpUrl_SiloExitsTwoNamingIt()
    {
        var (exit, _, error) = await RunningProcess.RunAsync(Built.Silo, "--otlp-endpoint", "collector:4318", "--http-port", "0");

        Assert.Equal(2, exit);
        Assert.StartsWith("error: --otlp-endpoint 'collector:4318' is not valid: an absolute http or https URL", error);
    }

    [Fact]
    public async Task OtlpEndpointVariable_NotAnHttpUrl_SiloExitsTwoNamingIt()
    {
        await using var run = RunningProcess.Start(
            Built.Silo, ["--storage", "memory", "--http-port", "0", "--silo-port", "0", "--gateway-port", "0"], new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "ftp://collector" });

        Assert.Equal(2, await run.WaitForExitAsync());
        Assert.Contains("The OTLP endpoint 'ftp://collector'", run.Stderr);
    }

    [Fact]
    public async Task ClientOtlpEndpoint_NotAnHttpUrl_IsAUsageErrorNamingIt()
    {
        var (exit, _, error) = await RunningProcess.RunAsync(Built.Client, "balance", "x", "--otlp-endpoint", "nope", "--gateway", "127.0.0.1:1");

        Assert.Equal(2, exit);
        Assert.Contains("--otlp-endpoint 'nope' is not an absolute http or https URL", error);
    }

    [Fact]
    public void SiloCommandLine_OtlpEndpointAndSampleRatio_SetTheirSections()
    {
        using var output = new StringWriter();
        var parsed = CommandLine.Parse(["--otlp-endpoint", "http://127.0.0.1:4318", "--trace-sample-ratio", "0.5"], output, output);

        Assert.Null(parsed.Exit);
        Assert.Equal("http://127.0.0.1:4318", parsed.Settings["Otlp:Endpoint"]);
        Assert.Equal("0.5", parsed.Settings["Tracing:SampleRatio"]);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("often")]
    public void SiloCommandLine_SampleRatioOutsideZeroToOne_ExitsTwoNamingTheRange(string ratio)
    {
        using var output = new StringWriter();
        var parsed = CommandLine.Parse(["--trace-sample-ratio", ratio], output, output);

        Assert.Equal(2, parsed.Exit);
        Assert.Contains($"--trace-sample-ratio '{ratio}' is not valid: a number from 0 to 1", output.ToString());
    }

    [Fact]
    public async Task ClientSampleRatio_AboveOne_IsAUsageErrorNamingIt()
    {
        var (exit, _, error) = await RunningProcess.RunAsync(Built.Client, "balance", "x", "--trace-sample-ratio", "2", "--gateway", "127.0.0.1:1");

        Assert.Equal(2, exit);
        Assert.Contains("--trace-sample-ratio '2' is not valid: a number from 0 to 1", error);
    }
}
