namespace CrisisCenter.Web.Tests.Api.Http;

/// <summary>The routes under test, written out as a client would, so a route that moves breaks a test.</summary>
public static class ApiRoutes
{
    public const string Token = "/api/auth/token";
    public const string Incidents = "/api/incidents";
    public const string Approvals = "/api/approvals";
    public const string Users = "/api/users";
    public const string OpenApi = "/openapi/v1.json";

    public static string Incident(Guid id) => $"{Incidents}/{id:D}";
    public static string Details(Guid id) => Incident(id) + "/details";
    public static string Close(Guid id) => Incident(id) + "/close";
    public static string Updates(Guid id) => Incident(id) + "/updates";
    public static string Statements(Guid id) => Incident(id) + "/statements";
    public static string Statement(Guid id, Guid statementId) => $"{Statements(id)}/{statementId:D}";
    public static string Revisions(Guid id, Guid statementId) => Statement(id, statementId) + "/revisions";
    public static string Submit(Guid id, Guid statementId) => Statement(id, statementId) + "/submit";
    public static string Approve(Guid id, Guid statementId) => Statement(id, statementId) + "/approve";
    public static string Publish(Guid id, Guid statementId) => Statement(id, statementId) + "/publish";
    public static string Timeline(Guid id) => Incident(id) + "/timeline";
    public static string Kpis(Guid id) => Incident(id) + "/kpis";
    public static string Verify(Guid id) => Incident(id) + "/verify";
    public static string Board(string text) => $"{Incidents}?q={Uri.EscapeDataString(text)}";
    public static string DisableUser(string userId) => $"{Users}/{Uri.EscapeDataString(userId)}/disable";
}
