using System.Text.Json;
using CrisisCenter.Web.Api;

namespace CrisisCenter.Web.Tests.Api.Http;

/// <summary>How a .NET client reads the API's answers: the app's own JSON settings (enums as names, languages as codes).</summary>
public static class ApiJsonOptions
{
    public static JsonSerializerOptions Read { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiJson.Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
