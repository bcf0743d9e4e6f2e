using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrleansBank.Grains;

/// <summary>The one JSON shape of the bank's types, for the silo's HTTP endpoints and the client's --json alike.</summary>
public static class BankJson
{
    /// <summary>Web defaults (camelCase names, numbers as numbers) with enums as camelCase strings, e.g. "withdrawal".</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
