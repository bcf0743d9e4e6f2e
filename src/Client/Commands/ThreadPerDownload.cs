using System.Diagnostics;

namespace OrleansBank.Client.Commands;

/// <summary>
/// The way the async download replaces: a thread per download, each blocked on its socket. Kept only so
/// bench/download.sh can measure both ways on the same downloads.
/// </summary>
internal static class ThreadPerDownload
{
    public static DownloadReport Run(string[] accounts, string outDir, Uri http)
    {
        Directory.CreateDirectory(outDir);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = http, Timeout = TimeSpan.FromMinutes(5) };
        var results = new (long Bytes, DownloadFailure? Failure)[accounts.Length];
        var stopwatch = Stopwatch.StartNew();
        var threads = accounts.Select((account, i) => new Thread(() => results[i] = DownloadOne(client, account, outDir), maxStackSize: 256 * 1024)).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return DownloadReport.From(results, stopwatch.Elapsed);
    }

    private static (long, DownloadFailure?) DownloadOne(HttpClient client, string account, string outDir)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"accounts/{Uri.EscapeDataString(account)}/statement.csv");
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            if (!response.IsSuccessStatusCode)
            {
                return (0, new DownloadFailure(account, $"HTTP {(int)response.StatusCode}", false));
            }

            var path = Path.Combine(outDir, DownloadCommand.FileName(account));
            using var body = response.Content.ReadAsStream();
            using var file = File.Create(path + ".partial");
            body.CopyTo(file);
            var length = file.Length;
            file.Close();
            File.Move(path + ".partial", path, overwrite: true);
            return (length, null);
        }
        catch (HttpRequestException ex)
        {
            return (0, new DownloadFailure(account, ex.Message, true));
        }
    }
}
