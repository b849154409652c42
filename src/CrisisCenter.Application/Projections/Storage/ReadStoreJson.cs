using System.Text.Json;

namespace CrisisCenter.Application.Projections;

/// <summary>How rows of the read store are written: the records themselves as JSON, read back with the same options.</summary>
internal static class ReadStoreJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);
}
