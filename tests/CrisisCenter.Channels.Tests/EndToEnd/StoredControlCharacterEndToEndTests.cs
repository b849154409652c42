using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using CrisisCenter.Channels.Tests.Cap;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace CrisisCenter.Channels.Tests.EndToEnd;

/// <summary>
/// A statement stored before the text policy (appended straight through the store port, as an older version wrote
/// it) holds a null character, vertical tabs and a right-to-left override. Every public feed, page and CAP document
/// still answers 200 and parses - with Channels:PublicBaseUrl unset, so the links come from the request.
/// </summary>
[Collection(RealApp.Name)]
public sealed class StoredControlCharacterEndToEndTests : IAsyncLifetime
{
    private ChannelsApp app = null!;

    public Task InitializeAsync()
    {
        app = ChannelsApp.Start(new Dictionary<string, string?>
        {
            ["Channels:Targets:website:Kind"] = "Feed",
            ["Channels:Targets:cap:Kind"] = "Cap",
        }, publicBaseUrl: false);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact(Timeout = 60_000)]
    public async Task every_public_output_answers_and_parses()
    {
        var incident = new Published();
        var statementId = incident.StatementStoredBeforeTheTextPolicy(["website", "cap"], Published.HostileText());
        foreach (var post in incident.PostsOf(statementId))
            incident.Then(new ChannelPostDelivered(incident.IncidentId, Actor.SystemUserId, Published.T0.AddMinutes(20), post.PostId, 1, "site", null));
        var store = app.Services.GetRequiredService<IEventStore>();
        await store.AppendAsync(IncidentStreams.For(incident.IncidentId), ExpectedRevision.NoStream,
            [.. incident.Events.Select(e => IncidentEventSerializer.ToEventData(e, Guid.NewGuid(), EventMetadata.Empty))]);

        using var client = app.Anonymous();
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        var rss = await EventuallyAsync(async () =>
        {
            var feed = Parse(await OkAsync(client, "/feeds/ru/rss.xml"));
            return feed.Items.Any() ? feed : null;
        });

        rss.Links.Should().Contain(l => l.RelationshipType == "alternate" && l.Uri == new Uri(origin + "/"), "RSS 2.0 requires <channel><link>");
        rss.Items.Single().Title.Text.Should().Be("Паводок\n в Алматы");
        rss.Items.Single().Links.Should().Contain(l => l.Uri == new Uri($"{origin}/public/ru/statements/{statementId:D}"));
        foreach (var language in new[] { "kk", "ru" })
        {
            var atom = Parse(await OkAsync(client, $"/feeds/{language}/atom.xml"));
            atom.Items.Should().ContainSingle();
            atom.Authors.Should().ContainSingle();
            atom.Links.Should().Contain(l => l.RelationshipType == "self" && l.Uri == new Uri($"{origin}/feeds/{language}/atom.xml"));
            Parse(await OkAsync(client, $"/feeds/{language}/rss.xml")).Items.Should().ContainSingle();
            using var json = JsonDocument.Parse(await OkAsync(client, $"/feeds/{language}/feed.json"));
            json.RootElement.GetProperty("feed_url").GetString().Should().Be($"{origin}/feeds/{language}/feed.json");
            TextPolicy.FirstForbidden(await OkAsync(client, $"/public/{language}/statements/{statementId:D}")).Should().BeNull();
        }

        var cap = CapSchema.ShouldBeValidCap(await OkAsync(client, $"/cap/messages/{statementId:D}.xml"));
        cap.Root!.Value.Should().Contain("Спасатели работают обратный текст");
        var index = Parse(await OkAsync(client, "/cap/index.atom"));
        index.Items.Should().ContainSingle().Which.Links.Single().Uri.Should().Be(new Uri($"{origin}/cap/messages/{statementId:D}.xml"));
        index.Authors.Should().ContainSingle();
    }

    private static async Task<string> OkAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, "GET {0} answered {1}", path, text);
        return text;
    }

    private static SyndicationFeed Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { CheckCharacters = true });
        return SyndicationFeed.Load(reader);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The public feed never showed the stored statement.");
            await Task.Delay(100);
        }
    }
}
