using CrisisCenter.Application.Audit;
using CrisisCenter.Web.Tests.Api.Http;

namespace CrisisCenter.Web.Tests.Audit;

public static class AuditRoutes
{
    public static string ForIncident(Guid id, string query = "") => $"{ApiRoutes.Incident(id)}/audit{query}";
    public static string ForUser(string userId, string query = "") => $"{ApiRoutes.Users}/{Uri.EscapeDataString(userId)}/audit{query}";

    /// <summary>Every page of an audit, following <c>nextAfter</c> with pages of <paramref name="pageSize"/>.</summary>
    public static async Task<List<AuditEntry>> ReadAllAsync(this HttpClient client, Func<string, string> route, int pageSize = 100)
    {
        var all = new List<AuditEntry>();
        long after = -1;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await client.GetJsonAsync<AuditPage>(route($"?after={after}&limit={pageSize}"));
            all.AddRange(page.Items);
            if (page.NextAfter is not { } next) return all;
            after = next;
        }
        throw new InvalidOperationException("The audit never ended.");
    }
}
