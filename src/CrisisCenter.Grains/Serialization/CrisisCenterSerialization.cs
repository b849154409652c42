using CrisisCenter.Domain;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CrisisCenter.Grains.Serialization;

/// <summary>
/// How domain records cross grain calls. The domain stays free of Orleans attributes, so its types travel as
/// JSON (the same <see cref="DomainJson.Options"/> as the store) through Orleans' System.Text.Json codec.
/// The codec writes each value's runtime type, so a <c>DeclareIncident</c> passed as <see cref="IncidentCommand"/>
/// arrives as a <c>DeclareIncident</c>.
/// </summary>
public static class CrisisCenterSerialization
{
    /// <summary>
    /// Registers the codec for domain types. Call it wherever Orleans serializes: the silo
    /// (<see cref="Hosting.CrisisCenterSiloBuilderExtensions.AddCrisisCenterGrains"/> does), and any external client:
    /// <c>client.Services.AddSerializer(serializer => serializer.AddCrisisCenterSerialization())</c>.
    /// Calling it more than once registers it once.
    /// </summary>
    /// <remarks>Orleans keeps one set of JSON codec options per host: any other use of its JSON codec in the
    /// same host shares <see cref="DomainJson.Options"/>.</remarks>
    public static ISerializerBuilder AddCrisisCenterSerialization(this ISerializerBuilder serializer)
    {
        ArgumentNullException.ThrowIfNull(serializer);
        if (serializer.Services.Any(service => service.ServiceType == typeof(DomainSerializationRegistered)))
            return serializer;

        serializer.Services.AddSingleton<DomainSerializationRegistered>();
        return serializer.AddJsonSerializer(isSupported: IsDomainType, jsonSerializerOptions: DomainJson.Options);
    }

    /// <summary>Records, enums and other types of the domain assembly's namespace.</summary>
    public static bool IsDomainType(Type type) =>
        type.Assembly == typeof(IncidentCommand).Assembly
        && string.Equals(type.Namespace, typeof(IncidentCommand).Namespace, StringComparison.Ordinal);

    /// <summary>Marks the service collection so repeated registration stays single.</summary>
    private sealed class DomainSerializationRegistered;
}
