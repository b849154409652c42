using System.Net.Http.Json;
using System.Text.Json;
using CrisisCenter.Domain;
using CrisisCenter.Grains.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Web.Tests.Security.Matrix;

/// <summary>
/// Posts waiting for an operator. The statement is published for tomorrow (so the dispatcher leaves the post alone),
/// then the platform records the outcome a failed delivery would have had, through the incident's grain as the
/// dispatcher does.
/// </summary>
public static class ChannelPostArrangements
{
    public const string Channel = "matrix-partner";

    public static Task<Guid> AbandonedPostAsync(this IncidentArrangements arrange, Guid incident) =>
        arrange.PostAwaitingOperatorAsync(incident, (post, context) => new AbandonChannelPost(incident, context, post, 6, "HTTP 503 Service Unavailable"));

    public static Task<Guid> UncertainPostAsync(this IncidentArrangements arrange, Guid incident) =>
        arrange.PostAwaitingOperatorAsync(incident, (post, context) => new MarkChannelPostUncertain(incident, context, post, 1, "Interrupted before the outcome was recorded."));

    private static async Task<Guid> PostAwaitingOperatorAsync(this IncidentArrangements arrange, Guid incident, Func<Guid, CommandContext, IncidentCommand> outcome)
    {
        var press = arrange.Security[Staff.LeadPress];
        var (statement, hash) = await arrange.ApprovedAsync(incident);
        using (var published = await new Probe("POST", $"/api/incidents/{incident}/statements/{statement}/publish",
                   new { revision = 1, contentHash = hash, channels = new[] { Channel }, notBefore = DateTimeOffset.UtcNow.AddDays(1) }).SendAsync(press))
        {
            published.EnsureSuccessStatusCode();
        }

        var posts = await press.GetFromJsonAsync<JsonElement>($"/api/incidents/{incident}/channel-posts");
        var post = posts.EnumerateArray().First(p => p.GetProperty("statementId").GetGuid() == statement).GetProperty("id").GetGuid();
        var grains = arrange.Security.App.Services.GetRequiredService<IGrainFactory>();
        var recorded = await grains.GetGrain<IIncidentGrain>(incident)
            .Execute(new CommandEnvelope(outcome(post, new CommandContext(Guid.NewGuid(), Actor.System, DateTimeOffset.UtcNow))));
        if (!recorded.Succeeded) throw new InvalidOperationException($"Arranging: the outcome was refused: {recorded.Status} {recorded.Error?.Code}");
        return post;
    }
}
