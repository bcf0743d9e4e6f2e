using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using OrleansBank.Client.Output;
using Spectre.Console;

namespace OrleansBank.Client.Commands;

/// <summary>
/// <c>download</c>: every statement at once over async HTTP. A thousand downloads are a thousand tasks waiting
/// on sockets, not a thousand threads.
/// </summary>
internal static class DownloadCommand
{
    private const int MaxBarsShown = 40;

    public static Command Create(CommandRunner runner)
    {
        var accounts = new Argument<string[]>("account") { Description = "The accounts whose statements to download.", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string>("--out") { Description = "The folder to write <account>.csv into.", DefaultValueFactory = _ => "statements" };
        var http = new Option<string>("--http") { Description = "The silo's HTTP address.", DefaultValueFactory = _ => "http://localhost:8080" };
        http.Validators.Add(r =>
        {
            if (!Uri.TryCreate(r.GetValueOrDefault<string>(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                r.AddError($"'{r.GetValueOrDefault<string>()}' is not an HTTP address such as http://localhost:8080.");
            }
        });
        var threads = new Option<bool>("--threads")
        {
            Description = "For comparison only: one blocking thread per download instead of async I/O.",
        };
        var command = new Command("download", "Download account statements as CSV, all concurrently, with live progress.") { accounts, outDir, http, threads };
        command.SetAction((parse, ct) => runner.Run(parse, async o =>
        {
            var ids = parse.GetValue(accounts)!.Distinct().ToArray();
            var report = parse.GetValue(threads)
                ? ThreadPerDownload.Run(ids, parse.GetValue(outDir)!, new Uri(parse.GetValue(http)!))
                : await RunAsync(ids, parse.GetValue(outDir)!, new Uri(parse.GetValue(http)!), o, ct);
            if (o.Json)
            {
                o.WriteJson(report);
            }
            else
            {
                o.Console.MarkupLineInterpolated($"Downloaded {report.Files:N0} statements, {report.Bytes:N0} bytes, in {report.Seconds:0.###} s into {Path.GetFullPath(parse.GetValue(outDir)!)}");
            }

            foreach (var failure in report.Failed)
            {
                o.Error($"{failure.Account}: {failure.Error}");
            }

            return report.Failed.Count == 0 ? ExitCodes.Success
                : report.Failed.Any(f => f.Unreachable) ? ExitCodes.SiloUnreachable
                : ExitCodes.BusinessError;
        }));
        return command;
    }

    public static async Task<DownloadReport> RunAsync(string[] accounts, string outDir, Uri http, ConsoleOutput output, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outDir);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = http, Timeout = TimeSpan.FromMinutes(5) };
        var stopwatch = Stopwatch.StartNew();
        List<(long Bytes, DownloadFailure? Failure)> results;
        if (output.IsTerminal && !output.Json)
        {
            results = await output.Console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new DownloadedColumn(), new TransferSpeedColumn())
                .StartAsync(async progress =>
                {
                    var overall = accounts.Length > MaxBarsShown ? progress.AddTask($"{accounts.Length:N0} statements", maxValue: accounts.Length) : null;
                    return (await Task.WhenAll(accounts.Select(id =>
                    {
                        var bar = overall is null ? progress.AddTask(id.EscapeMarkup(), autoStart: true, maxValue: 1) : null;
                        return DownloadOneAsync(client, id, outDir, bar, overall, cancellationToken);
                    }))).ToList();
                });
        }
        else
        {
            results = (await Task.WhenAll(accounts.Select(id => DownloadOneAsync(client, id, outDir, null, null, cancellationToken)))).ToList();
        }

        return DownloadReport.From(results, stopwatch.Elapsed);
    }

    private static async Task<(long Bytes, DownloadFailure? Failure)> DownloadOneAsync(
        HttpClient client, string account, string outDir, ProgressTask? bar, ProgressTask? overall, CancellationToken cancellationToken)
    {
        var path = Path.Combine(outDir, FileName(account));
        var partial = path + ".partial";
        try
        {
            using var response = await client.GetAsync($"accounts/{Uri.EscapeDataString(account)}/statement.csv", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (0, new DownloadFailure(account, await ErrorText(response, cancellationToken), false));
            }

            if (bar is not null && response.Content.Headers.ContentLength is { } length)
            {
                bar.MaxValue = Math.Max(1, length);
            }
            else if (bar is not null)
            {
                // A whole statement is streamed page by page, so its size is not known until it ends.
                bar.IsIndeterminate = true;
            }

            long total = 0;
            await using (var body = await response.Content.ReadAsStreamAsync(cancellationToken))
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                var buffer = new byte[16 * 1024];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    total += read;
                    bar?.Increment(read);
                }
            }

            // Written under a temporary name and renamed when complete: a file with the account's name is always whole.
            File.Move(partial, path, overwrite: true);
            bar?.Value(bar.MaxValue);
            overall?.Increment(1);
            return (total, null);
        }
        catch (HttpRequestException ex)
        {
            File.Delete(partial);
            return (0, new DownloadFailure(account, $"the silo's HTTP endpoint at {client.BaseAddress} is unreachable: {ex.Message}", true));
        }
        catch (IOException ex) when (ex is HttpIOException || ex.InnerException is System.Net.Sockets.SocketException)
        {
            // The silo aborts a streamed statement that fails part way: the partial file is not kept.
            File.Delete(partial);
            return (0, new DownloadFailure(account, $"the download broke off before the end: {ex.Message}; try again", true));
        }
    }

    private static async Task<string> ErrorText(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.GetProperty("error").GetString() ?? text;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"HTTP {(int)response.StatusCode} {response.StatusCode}";
        }
    }

    internal static string FileName(string account)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(account.Select(c => invalid.Contains(c) || c == '.' && account.Length < 3 ? '_' : c).ToArray());
        return $"{safe}.csv";
    }
}
