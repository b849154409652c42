using CrisisCenter.Application.Projections;
using CrisisCenter.Channels.Cap;
using CrisisCenter.Channels.Delivery;
using CrisisCenter.Channels.Feeds;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using Microsoft.Extensions.Options;

namespace CrisisCenter.Channels.Tests.Fakes;

/// <summary>The public read model fed with a domain-built history, where posts are delivered as the dispatcher would.</summary>
public sealed class FeedScenario
{
    public static readonly ChannelsOptions Options = new()
    {
        PublicBaseUrl = new Uri("https://emergency.example.kz/"),
        Targets = new(StringComparer.OrdinalIgnoreCase)
        {
            ["website"] = new ChannelTarget { Kind = ChannelKind.Feed },
            ["cap"] = new ChannelTarget { Kind = ChannelKind.Cap },
        },
        Cap = new CapOptions { Sender = "press@emergency.example.kz", Status = "Exercise", Geocodes = new() { ["KZ-75"] = new() { ["ISO3166-2"] = "KZ-75" } } },
    };

    private readonly Dictionary<Guid, int> applied = [];
    private long position;

    public FeedScenario()
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Links = new PublicLinks(options);
        Statements = new PublicStatements(new StaticTargets());
        Documents = new FeedDocuments(Links);
        Cap = new CapDocuments(Options.Cap, Links);
    }

    public PublicLinks Links { get; }
    public PublicStatements Statements { get; }
    public FeedDocuments Documents { get; }
    public CapDocuments Cap { get; }

    /// <summary>Feeds the incident's events the model has not seen yet.</summary>
    public void Feed(Published incident, IEnumerable<IncidentEvent>? already = null)
    {
        var seen = applied.GetValueOrDefault(incident.IncidentId);
        foreach (var e in incident.Events.Skip(seen)) Apply(e);
        applied[incident.IncidentId] = incident.Events.Count;
    }

    /// <summary>The model as a restarted node has it: every incident's state saved as the read store keeps it, then
    /// restored into a new instance that has seen no event.</summary>
    public PublicStatements Restarted()
    {
        var restarted = new PublicStatements(new StaticTargets());
        foreach (var incidentId in applied.Keys)
        {
            if (Statements.SaveIncident(incidentId) is { } state) restarted.RestoreIncident(incidentId, state);
        }

        return restarted;
    }

    public void Apply(IncidentEvent e) =>
        Statements.Apply(new ProjectedEvent(e, ++position, position, Guid.NewGuid(), EventTypes.NameOf(e), EventMetadata.Empty));

    public void Deliver(Published incident, Guid statementId, DateTimeOffset at, string? channel = null)
    {
        foreach (var post in incident.PostsOf(statementId).Where(p => channel is null || p.Channel == channel))
        {
            var delivered = new ChannelPostDelivered(incident.IncidentId, Actor.SystemUserId, at, post.PostId, 1, "x", null);
            incident.Then(delivered);
            Feed(incident);
        }
    }

    private sealed class StaticTargets : IChannelTargets
    {
        public ChannelTarget? Find(string channelCode) => Options.Targets.GetValueOrDefault(channelCode);
    }
}
