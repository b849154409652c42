using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.SignalR;

namespace CrisisCenter.Web.Tests.Security.Fuzz;

/// <summary>A query-string parameter of an endpoint's handler and its CLR type.</summary>
public sealed record QueryParameter(string Name, Type Type);

/// <summary>
/// One method of one endpoint of the running app, as the fuzz sees it: its route (to fill with good or bad values),
/// the CLR type of its JSON body (null when it takes none), its query parameters, whether anonymous callers are let
/// in, and whether it is a SignalR hub endpoint (which speaks SignalR's protocol, not the API's).
/// </summary>
public sealed record FuzzTarget(string Method, RoutePattern Route, Type? Body, IReadOnlyList<QueryParameter> Query, bool IsPublic, bool IsHub)
{
    public bool Mutates => Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>The framework's API-description tooling: the OpenAPI document and the Scalar reference.</summary>
    public bool IsTooling => Route.RawText!.TrimStart('/') is var path && (path.StartsWith("openapi/", StringComparison.Ordinal) || path.StartsWith("scalar", StringComparison.Ordinal));

    public bool HasGuidRouteValue => Route.Parameters.Any(IsGuid);

    public static bool IsGuid(RoutePatternParameterPart parameter) =>
        parameter.ParameterPolicies.Any(p => string.Equals(p.Content, "guid", StringComparison.OrdinalIgnoreCase));

    public override string ToString() => $"{Method} /{Route.RawText!.TrimStart('/')}";

    /// <summary>Every route endpoint × method of the app: a new endpoint is fuzzed without touching the tests.</summary>
    public static IReadOnlyList<FuzzTarget> From(EndpointDataSource endpoints) =>
    [
        .. endpoints.Endpoints.OfType<RouteEndpoint>().SelectMany(endpoint =>
        {
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["GET", "POST"];
            var body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var query = QueryOf(endpoint, body);
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var isHub = endpoint.Metadata.GetMetadata<HubMetadata>() is not null;
            return methods.Select(method => new FuzzTarget(method, endpoint.RoutePattern, body, query, isPublic, isHub));
        }),
    ];

    // Minimal API endpoints carry their handler's MethodInfo: its simple parameters that are not route values
    // bind from the query string.
    private static IReadOnlyList<QueryParameter> QueryOf(RouteEndpoint endpoint, Type? body)
    {
        if (endpoint.Metadata.GetMetadata<MethodInfo>() is not { } handler) return [];
        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return
        [
            .. handler.GetParameters()
                .Where(p => p.Name is not null && !routeNames.Contains(p.Name) && p.ParameterType != body && IsSimple(p.ParameterType))
                .Select(p => new QueryParameter(p.Name!, Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)),
        ];
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Guid) || type == typeof(DateTimeOffset)
               || type == typeof(DateTime) || type == typeof(decimal);
    }
}
