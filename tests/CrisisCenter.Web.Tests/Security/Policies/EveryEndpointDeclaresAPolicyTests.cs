using System.Net;
using System.Reflection;
using CrisisCenter.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.Policies;

/// <summary>
/// Fail closed: every endpoint of the running app and every hub method names one of <see cref="AccessPolicies"/>,
/// or is one of the few routes that are public on purpose. A new endpoint without a policy fails this test.
/// </summary>
[Collection(SecurityApp.Collection)]
public sealed class EveryEndpointDeclaresAPolicyTests(SecurityApp security)
{
    /// <summary>Public on purpose: signing in, the API description, health probes, and the public feeds and
    /// statement pages (they show only published statements of normal-visibility incidents).</summary>
    private static readonly HashSet<string> PublicRoutes = new(StringComparer.Ordinal)
    {
        "POST /api/auth/login",
        "POST /api/auth/token",
        "POST /api/auth/logout",
        "GET /api/auth/providers",
        "GET /api/auth/oidc/login",
        "GET /openapi/{documentName}.json",
        "GET /scalar/{documentName?}",
        "GET /scalar/scalar.js",
        "GET /scalar/scalar.aspnetcore.js",
        "GET /scalar/favicon.svg",
        "* /health/live",
        "* /health/ready",
        "GET /feeds/{language}/rss.xml",
        "GET /feeds/{language}/atom.xml",
        "GET /feeds/{language}/feed.json",
        "GET /public/{language}/statements/{statementId:guid}",
        "GET /cap/index.atom",
        "GET /cap/messages/{statementId:guid}.xml",
    };

    private IReadOnlyList<RouteEndpoint> Endpoints =>
        [.. security.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

    [Fact]
    public void every_endpoint_names_a_known_policy_or_is_public_on_purpose()
    {
        var endpoints = Endpoints;
        endpoints.Should().HaveCountGreaterThan(30, "the whole API is mapped");

        var undeclared = endpoints.Where(e => !Declares(e)).Select(Name).ToList();

        undeclared.Should().BeEmpty("every endpoint declares one of {0} (or is in the public list and marked AllowAnonymous)", string.Join(", ", AccessPolicies.All));
    }

    [Fact]
    public void only_the_public_routes_allow_anonymous_callers()
    {
        var anonymous = Endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(Name).ToHashSet();
        anonymous.Should().BeSubsetOf(PublicRoutes);
        anonymous.Should().Contain(["POST /api/auth/login", "POST /api/auth/token"]);
    }

    [Fact]
    public void every_hub_method_names_a_known_policy()
    {
        var hubs = Endpoints.Select(e => e.Metadata.GetMetadata<HubMetadata>()?.HubType).OfType<Type>().Distinct().ToList();
        hubs.Should().NotBeEmpty("the live timeline hub is mapped");

        foreach (var hub in hubs)
        {
            NamesKnownPolicy(hub.GetCustomAttributes<AuthorizeAttribute>(inherit: true)).Should().BeTrue($"{hub.Name} itself declares a policy");
            var methods = hub.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
                .ToList();
            methods.Should().NotBeEmpty();
            methods.Where(m => !NamesKnownPolicy(m.GetCustomAttributes<AuthorizeAttribute>()))
                .Select(m => $"{hub.Name}.{m.Name}")
                .Should().BeEmpty("every hub method declares its policy");
        }
    }

    /// <summary>The runtime side of the same rule: an anonymous caller is answered 401 by every non-public
    /// endpoint (route values filled with well-formed placeholders), whatever the handler would do.</summary>
    [Fact]
    public async Task every_non_public_endpoint_answers_an_anonymous_caller_401()
    {
        using var anonymous = security.Anonymous();
        var answers = new List<string>();
        foreach (var endpoint in Endpoints.Where(e => !PublicRoutes.Contains(Name(e))))
        {
            foreach (var method in Methods(endpoint))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(endpoint.RoutePattern.RawText!));
                if (method is "POST" or "PUT" or "DELETE" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
                using var response = await anonymous.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Unauthorized) answers.Add($"{method} {request.RequestUri}: {(int)response.StatusCode}");
            }
        }

        answers.Should().BeEmpty();
    }

    private static bool Declares(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
            ? NamesKnownPolicy(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
            : PublicRoutes.Contains(Name(endpoint));

    private static bool NamesKnownPolicy(IEnumerable<IAuthorizeData> declared)
    {
        var list = declared.ToList();
        return list.Count > 0 && list.Any(a => a.Policy is { } p && AccessPolicies.All.Contains(p)) && list.All(a => a.Policy is null || AccessPolicies.All.Contains(a.Policy));
    }

    private static IEnumerable<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? methods : ["GET", "POST"];

    private static string Name(RouteEndpoint endpoint) =>
        $"{(endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? string.Join(",", methods) : "*")} /{endpoint.RoutePattern.RawText!.TrimStart('/')}";

    private static string Fill(string pattern)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{[^}:]+:guid\}", Guid.NewGuid().ToString("D"));
        path = System.Text.RegularExpressions.Regex.Replace(path, @"\{\*{0,2}[^}]+\}", "x");
        return "/" + path.TrimStart('/');
    }
}
