using System.Reflection;
using System.Text.Json;

namespace OrleansBank.Silo.Dashboard;

/// <summary>
/// The page's three files, embedded in the silo (no CDN, no build step). The HTML carries the first snapshot inline,
/// so the page shows the cluster as soon as it loads, before the event stream delivers the next.
/// </summary>
internal static class DashboardPage
{
    private const string SnapshotPlaceholder = "{{SNAPSHOT}}";

    private static readonly Lazy<string> Html = new(() => Resource("dashboard.html"));

    /// <summary>The file's text, or null when no file of that name ships with the page.</summary>
    public static string? File(string name) => name is "dashboard.css" or "dashboard.js" ? Resource(name) : null;

    /// <summary>The HTML with <paramref name="snapshot"/> written into it.</summary>
    public static string Render(DashboardSnapshot snapshot) =>
        Html.Value.Replace(SnapshotPlaceholder, JsonSerializer.Serialize(snapshot, DashboardJson.Options), StringComparison.Ordinal);

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"dashboard/{name}")
            ?? throw new InvalidOperationException($"The silo was built without its dashboard file {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
