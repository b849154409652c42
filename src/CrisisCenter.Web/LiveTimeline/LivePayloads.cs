using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Web.LiveTimeline;

/// <summary>
/// Serialises each live payload once for all the connections it goes to. A message to one client is serialised
/// by SignalR for that client alone, so an entry followed by 500 dashboards was turned into JSON 500 times; the
/// load harness showed that cost as most of the gap to a bare hub's broadcast (see BENCHMARKS.md). The JSON is
/// made with the hub's own payload options, so the wire format is unchanged.
/// A small direct-mapped cache by object identity holds the recent payloads: an entry fans out to every
/// follower within moments, and a miss (an evicted or colliding slot) only costs a second serialisation.
/// <see cref="Frame"/> goes one step further: the whole invocation message, framed once per protocol for every
/// connection (what SignalR does for its own group sends), so a delivery only copies bytes to the connection.
/// </summary>
public sealed class LivePayloads(IOptions<JsonHubProtocolOptions> protocol)
{
    private const int Slots = 256;
    private readonly JsonSerializerOptions _options = protocol.Value.PayloadSerializerOptions;
    private readonly Cached?[] _recent = new Cached?[Slots];
    private readonly CachedFrame?[] _frames = new CachedFrame?[Slots];

    internal PreserializedJson For(object payload)
    {
        var slot = (RuntimeHelpers.GetHashCode(payload) & int.MaxValue) % Slots;
        var cached = Volatile.Read(ref _recent[slot]);
        if (cached is not null && ReferenceEquals(cached.Payload, payload))
        {
            return cached.Json;
        }

        var json = new PreserializedJson(JsonSerializer.SerializeToUtf8Bytes(payload, payload.GetType(), _options));
        Volatile.Write(ref _recent[slot], new Cached(payload, json));
        return json;
    }

    /// <summary>The <c>method(payload)</c> invocation, serialised at most once per hub protocol however many
    /// connections it is written to; its argument is the JSON of <see cref="For"/>.</summary>
    internal SerializedHubMessage Frame(string method, object payload)
    {
        var slot = (RuntimeHelpers.GetHashCode(payload) & int.MaxValue) % Slots;
        var cached = Volatile.Read(ref _frames[slot]);
        if (cached is not null && ReferenceEquals(cached.Payload, payload) && cached.Method == method)
        {
            return cached.Frame;
        }

        var frame = new SerializedHubMessage(new InvocationMessage(method, [For(payload)]));
        Volatile.Write(ref _frames[slot], new CachedFrame(payload, method, frame));
        return frame;
    }

    private sealed record Cached(object Payload, PreserializedJson Json);

    private sealed record CachedFrame(object Payload, string Method, SerializedHubMessage Frame);
}

/// <summary>JSON already made: written to the wire as it is.</summary>
[JsonConverter(typeof(PreserializedJsonConverter))]
internal sealed class PreserializedJson(byte[] utf8)
{
    public ReadOnlySpan<byte> Utf8 => utf8;
}

internal sealed class PreserializedJsonConverter : JsonConverter<PreserializedJson>
{
    public override PreserializedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Pre-serialised live payloads are only ever written.");

    public override void Write(Utf8JsonWriter writer, PreserializedJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}
