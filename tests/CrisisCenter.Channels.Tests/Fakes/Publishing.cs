using CrisisCenter.Channels.Delivery;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Tests.Fakes;

/// <summary>Declares and publishes through an <see cref="IIncidentGateway"/> (the real grains in end-to-end tests).</summary>
public sealed class Publishing(IIncidentGateway incidents)
{
    public Guid IncidentId { get; } = Guid.NewGuid();

    public async Task DeclareAsync(bool publicWarning = true)
    {
        await Send(new DeclareIncident(IncidentId, Now(Published.PressOfficer), "INC-2026-0042", "Flood in Almaty", "Mudflow after heavy rain.",
            IncidentCategory.Met, Severity.Moderate, ["KZ-75", "KZ-19"], "MES", [], Visibility.Normal, [Language.Kk, Language.Ru], publicWarning));
    }

    public async Task<Guid> PublishAsync(IReadOnlyList<string> channels, StatementKind kind = StatementKind.Update, Guid? references = null, string topic = "Паводок", DateTimeOffset? notBefore = null)
    {
        var id = Guid.NewGuid();
        await Send(new DraftStatement(IncidentId, Now(Published.PressOfficer), id, kind, Published.Text(topic), references));
        var hash = (await incidents.GetAsync(IncidentId)).Statements[id].Current.ContentHash;
        await Send(new SubmitStatement(IncidentId, Now(Published.PressOfficer), id, 1));
        await Send(new ApproveStatement(IncidentId, Now(Published.Approver), id, 1, hash));
        await Send(new PublishStatement(IncidentId, Now(Published.PressOfficer), id, 1, hash, channels, notBefore));
        return id;
    }

    public async Task<IncidentState> StateAsync() => await incidents.GetAsync(IncidentId);

    /// <summary>Waits (bounded) until every post of the statement has left the dispatcher's hands.</summary>
    public async Task<IReadOnlyList<ChannelPostState>> SettledPostsAsync(Guid statementId, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var state = await StateAsync();
            var posts = state.ChannelPosts.Values.Where(p => p.StatementId == statementId).ToList();
            if (posts.All(p => p.Status is ChannelPostStatus.Delivered or ChannelPostStatus.Abandoned or ChannelPostStatus.Uncertain))
                return posts;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("Posts still pending: " + string.Join(", ", posts.Select(p => $"{p.Channel}/{p.Language}:{p.Status}")));
            await Task.Delay(100);
        }
    }

    private async Task Send(IncidentCommand command)
    {
        var outcome = await incidents.ExecuteAsync(command);
        if (!outcome.Succeeded) throw new InvalidOperationException($"{command.GetType().Name}: {outcome.Status} {outcome.Error}");
    }

    private static CommandContext Now(Actor actor) => new(Guid.NewGuid(), actor, DateTimeOffset.UtcNow);
}
