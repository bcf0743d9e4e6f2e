using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansBank.Silo.Dashboard;

/// <summary>
/// The dashboard's JSON: camel case, as the rest of the HTTP API. The default encoder escapes &lt;, &gt; and &amp;, so a
/// snapshot can be written inside the page's script element without closing it.
/// </summary>
internal static class DashboardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
