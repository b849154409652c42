using System.Reflection;
using CrisisCenter.Web.LiveTimeline;
using Microsoft.AspNetCore.SignalR;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>
/// The live timeline's rules written down on their own, as the oracle of the hub rows of the matrix: who may call
/// each hub method with the matrix's arguments (the incident, its region, its lead agency), and who must then get
/// that incident's messages. Whatever a join allows, an incident reaches only those who may see it.
/// </summary>
public static class HubExpectations
{
    /// <summary>Every method a client can invoke on the hub, by reflection: a new method joins the matrix by itself
    /// (and fails it until <see cref="MayCall"/> and <see cref="Argument"/> know it).</summary>
    public static IReadOnlyList<MethodInfo> Methods { get; } =
    [
        .. typeof(TimelineHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(Hub.OnConnectedAsync) or nameof(Hub.OnDisconnectedAsync)))
            .OrderBy(m => m.Name, StringComparer.Ordinal),
    ];

    /// <summary>The matrix's argument for a hub method's parameter, by its name.</summary>
    public static object? Argument(ParameterInfo parameter, Guid incident) => parameter.Name switch
    {
        "incidentId" => incident,
        "afterPosition" => null,
        "regionCode" => Staff.IncidentRegion,
        "agencyCode" => Staff.LeadAgency,
        _ => throw new InvalidOperationException($"The hub matrix has no argument for {parameter.Member.Name}({parameter.Name}); add one and its rule."),
    };

    /// <summary>Whether the call succeeds (otherwise the hub answers with a HubException).</summary>
    public static bool MayCall(StaffMember member, string method, string visibility) => method switch
    {
        nameof(TimelineHub.JoinIncident) => Expectations.MaySee(member, visibility),
        nameof(TimelineHub.JoinBoard) => true,
        // Admins any region; observers and akimat users only their own (the Almaty akimat's observer here).
        nameof(TimelineHub.JoinRegion) => member.Has("Admin") || member.Region == Staff.IncidentRegion,
        // Admins any agency; everyone else only their own.
        nameof(TimelineHub.JoinAgency) => member.Has("Admin") || member.Agency == Staff.LeadAgency,
        _ when method.StartsWith("Leave", StringComparison.Ordinal) => true,
        _ => throw new InvalidOperationException($"The hub matrix has no rule for {method}; add one."),
    };

    /// <summary>Whether the caller then gets the incident's messages: only through a join it was allowed, and only
    /// if it may see the incident.</summary>
    public static bool Receives(StaffMember member, string method, string visibility) =>
        method.StartsWith("Join", StringComparison.Ordinal) && MayCall(member, method, visibility) && Expectations.MaySee(member, visibility);
}
