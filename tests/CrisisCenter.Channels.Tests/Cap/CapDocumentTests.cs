using System.Xml.Linq;
using CrisisCenter.Channels.Cap;
using CrisisCenter.Channels.Tests.Fakes;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Tests.Cap;

public sealed class CapDocumentTests
{
    private static readonly XNamespace Cap = "urn:oasis:names:tc:emergency:cap:1.2";
    private static readonly DateTimeOffset Noon = new(2026, 3, 14, 12, 0, 0, TimeSpan.FromHours(5));
    private readonly FeedScenario feed = new();
    private readonly Published incident = new();

    private Guid PublishedToCap(StatementKind kind = StatementKind.Update, Guid? references = null, bool english = false, int minute = 10)
    {
        var seen = incident.Events.ToList();
        var id = incident.Statement(["cap"], kind, references, Published.Text("Паводок", english), minute: minute);
        feed.Feed(incident, seen);
        feed.Deliver(incident, id, Noon.AddMinutes(minute));
        return id;
    }

    private XElement Alert(Guid statementId)
    {
        var snapshot = feed.Statements.Current;
        // Round-trip through text, as a consumer reads it, validated against the OASIS schema when a copy is present.
        return CapSchema.ShouldBeValidCap(feed.Cap.Write(snapshot.CapMessages[statementId], snapshot.CapMessages)).Root!;
    }

    private static string Value(XElement parent, string name) => parent.Element(Cap + name)?.Value ?? throw new Xunit.Sdk.XunitException($"<{name}> missing in <{parent.Name.LocalName}>");

    [Fact]
    public void the_first_public_warning_is_an_alert_with_every_required_element_in_order()
    {
        var id = PublishedToCap(english: true);

        var alert = Alert(id);

        alert.Name.Should().Be(Cap + "alert");
        alert.Elements().Select(e => e.Name.LocalName).Should().StartWith(["identifier", "sender", "sent", "status", "msgType", "scope"]);
        Value(alert, "identifier").Should().Be($"INC-2026-0042.{id:N}").And.NotContainAny(" ", ",", "<", "&");
        Value(alert, "sender").Should().Be("press@emergency.example.kz");
        Value(alert, "sent").Should().Be("2026-03-14T12:10:00+05:00");
        Value(alert, "status").Should().Be("Exercise");
        Value(alert, "msgType").Should().Be("Alert");
        Value(alert, "scope").Should().Be("Public");
        alert.Element(Cap + "references").Should().BeNull();
        alert.Elements(Cap + "info").Select(info => Value(info, "language")).Should().Equal("kk-KZ", "ru-RU", "en-US");
    }

    [Fact]
    public void each_info_block_carries_the_statement_in_its_language_and_an_area_per_region()
    {
        var id = PublishedToCap();

        var ru = Alert(id).Elements(Cap + "info").Single(info => Value(info, "language") == "ru-RU");

        ru.Elements().Select(e => e.Name.LocalName).Should().ContainInOrder(
            "language", "category", "event", "urgency", "severity", "certainty", "headline", "description", "instruction", "web", "area");
        Value(ru, "category").Should().Be("Met");
        Value(ru, "urgency").Should().BeOneOf("Immediate", "Expected", "Future", "Past", "Unknown");
        Value(ru, "severity").Should().Be("Moderate");
        Value(ru, "certainty").Should().BeOneOf("Observed", "Likely", "Possible", "Unlikely", "Unknown");
        Value(ru, "headline").Should().Be("Паводок: паводок в Алматы");
        Value(ru, "description").Should().Contain("Спасатели работают");
        Value(ru, "instruction").Should().Be("Держитесь подальше от берегов рек.");
        var areas = ru.Elements(Cap + "area").ToList();
        areas.Select(area => Value(area, "areaDesc")).Should().Equal("Алматы", "Алматинская область");
        var geocode = areas[0].Elements(Cap + "geocode").Should().ContainSingle("the configured ISO code is the one every area carries").Subject;
        (Value(geocode, "valueName"), Value(geocode, "value")).Should().Be(("ISO3166-2", "KZ-75"));
        var unconfigured = areas[1].Elements(Cap + "geocode").Should().ContainSingle().Subject;
        (Value(unconfigured, "valueName"), Value(unconfigured, "value")).Should().Be(("ISO3166-2", "KZ-19"), "the region's ISO 3166-2 code needs no configuration");
    }

    [Fact]
    public void a_correction_is_an_update_that_references_the_original_message()
    {
        var original = PublishedToCap();
        var correction = PublishedToCap(StatementKind.Correction, original, minute: 30);

        var alert = Alert(correction);

        Value(alert, "msgType").Should().Be("Update");
        Value(alert, "references").Should().Be($"press@emergency.example.kz,INC-2026-0042.{original:N},2026-03-14T12:10:00+05:00");
        Value(alert, "note").Should().StartWith("Correction");
        var ru = alert.Elements(Cap + "info").Single(info => Value(info, "language") == "ru-RU");
        Value(ru, "headline").Should().Be("[Исправление] Паводок: паводок в Алматы", "a correction does not repeat the original's headline unmarked");
        Value(Alert(original), "msgType").Should().Be("Alert");
        Alert(original).Element(Cap + "note").Should().BeNull("a first alert replaces nothing");
    }

    [Fact]
    public void the_event_names_the_kind_of_event_in_each_language_not_the_headline()
    {
        var id = PublishedToCap(english: true);

        var infos = Alert(id).Elements(Cap + "info").ToDictionary(info => Value(info, "language"), info => Value(info, "event"));

        infos.Should().Equal(new Dictionary<string, string>
        {
            ["kk-KZ"] = "Қауіпті ауа райы құбылысы",
            ["ru-RU"] = "Опасное погодное явление",
            ["en-US"] = "Severe weather or flood",
        });
    }

    [Fact]
    public void a_configured_publisher_is_the_sender_name_of_every_info_block()
    {
        var id = PublishedToCap();
        var snapshot = feed.Statements.Current;
        var named = new CapDocuments(FeedScenario.Options.Cap, feed.Links, "Пресс-служба МЧС РК");

        var alert = CapSchema.ShouldBeValidCap(named.Write(snapshot.CapMessages[id], snapshot.CapMessages)).Root!;

        alert.Elements(Cap + "info").Select(info => Value(info, "senderName")).Should().OnlyContain(name => name == "Пресс-служба МЧС РК").And.HaveCount(2);
    }

    [Fact]
    public void a_retraction_is_a_cancel_that_references_the_original_message()
    {
        var original = PublishedToCap();
        var retraction = PublishedToCap(StatementKind.Retraction, original, minute: 30);

        var alert = Alert(retraction);

        Value(alert, "msgType").Should().Be("Cancel");
        Value(alert, "references").Should().Contain($"INC-2026-0042.{original:N}");
        Value(alert, "note").Should().StartWith("Retraction");
    }

    [Fact]
    public void a_later_statement_updates_the_earlier_messages_of_the_incident()
    {
        var first = PublishedToCap();
        var second = PublishedToCap(minute: 40);

        Value(Alert(second), "msgType").Should().Be("Update");
        Value(Alert(second), "references").Should().Contain(first.ToString("N"));
    }

    [Fact]
    public void utc_times_are_written_with_minus_zero_offset_never_z() =>
        CapDocuments.Time(new DateTimeOffset(2026, 3, 14, 7, 0, 0, TimeSpan.Zero)).Should().Be("2026-03-14T07:00:00-00:00");

    [Fact]
    public void only_public_warnings_go_out_as_cap()
    {
        var quiet = new Published(publicWarning: false);
        var id = quiet.Statement(["cap"]);
        feed.Feed(quiet);
        feed.Deliver(quiet, id, Noon);

        feed.Statements.Current.CapMessages.Should().BeEmpty();
    }
}
