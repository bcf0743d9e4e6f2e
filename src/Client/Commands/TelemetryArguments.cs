using System.CommandLine;
using OrleansBank.Telemetry;

namespace OrleansBank.Client.Commands;

/// <summary>The client's telemetry options: where to export over OTLP, and how many command traces to keep.</summary>
internal static class TelemetryArguments
{
    /// <summary>--otlp-endpoint URL; default: OTEL_EXPORTER_OTLP_ENDPOINT. No endpoint, no export.</summary>
    public static Option<string?> CreateOtlpEndpointOption()
    {
        var option = new Option<string?>("--otlp-endpoint")
        {
            Description = $"Send this command's traces and metrics to an OTLP/HTTP collector, such as http://127.0.0.1:4318 (default: ${OtlpOptions.EndpointVariable}).",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable(OtlpOptions.EndpointVariable) is { Length: > 0 } endpoint ? endpoint : null,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } endpoint && !OtlpOptions.IsEndpoint(endpoint))
            {
                var from = result.Implicit ? OtlpOptions.EndpointVariable : "--otlp-endpoint";
                result.AddError($"{from} '{endpoint}' is not an absolute http or https URL: give the collector's OTLP/HTTP address, such as http://127.0.0.1:4318.");
            }
        });
        return option;
    }

    /// <summary>--trace-sample-ratio RATIO: the share of commands traced, 0 to 1.</summary>
    public static Option<string?> CreateSampleRatioOption()
    {
        var option = new Option<string?>("--trace-sample-ratio")
        {
            Description = $"The share of commands whose trace is kept, 0 to 1 (default {new TracingOptions().SampleRatio}; 1 keeps every one).",
            HelpName = "RATIO",
            Recursive = true,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } ratio && !TracingOptions.IsSampleRatio(ratio))
            {
                result.AddError($"--trace-sample-ratio '{ratio}' is not valid: a number from 0 to 1, such as 0.01 (1 keeps every trace).");
            }
        });
        return option;
    }
}
