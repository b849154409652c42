using System.Text.Json;
using System.Text.Json.Serialization;
using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Serialization;

/// <summary>The store and the grain serialise events and commands with plain System.Text.Json options.</summary>
public class JsonRoundTripTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    private static readonly Guid PostId = Scheduled("telegram", Language.Kk).PostId;

    public static IEnumerable<IncidentEvent> SampleEvents() =>
    [
        Declared(),
        new IncidentDetailsAmended(IncidentId, "u", T0, "Title", "Description", IncidentCategory.Fire, [Almaty]),
        new IncidentSeverityChanged(IncidentId, "u", T0, Severity.Minor, Severity.Extreme, "Reason"),
        new AgencyJoinedIncident(IncidentId, "u", T0, "MVD"),
        new AgencyLeftIncident(IncidentId, "u", T0, "MVD"),
        new IncidentStabilized(IncidentId, "u", T0, null),
        new IncidentClosed(IncidentId, "u", T0, "Summary"),
        new IncidentReopened(IncidentId, "u", T0, "Reason"),
        UpdateLogged(),
        new SituationUpdateCorrected(IncidentId, "u", T0, OtherUpdateId, UpdateId, "Text", "Reason", Language.Kk, "Source", null, true),
        Drafted(kind: StatementKind.Rebuttal, referencesRumorId: RumorId),
        Revised(),
        Submitted(),
        Approved(),
        new StatementApprovalRequirementChanged(IncidentId, "u", T0, StatementId, 1, 1, 2),
        new StatementRejected(IncidentId, "u", T0, StatementId, 1, "Reason"),
        Published(["telegram", "feed"]) with { NotBefore = At(60) },
        Scheduled("telegram", Language.Kk, OtherStatementId, ChannelPostAction.Correct, PostId),
        new ChannelPostDelivered(IncidentId, "system", T0, PostId, 1, "msg-1", "https://t.me/x/1"),
        new ChannelPostFailed(IncidentId, "system", T0, PostId, 1, "HTTP 502", At(1)),
        new ChannelPostAbandoned(IncidentId, "system", T0, PostId, 5, "HTTP 502"),
        new ChannelPostUncertain(IncidentId, "system", T0, PostId, 1, "Interrupted"),
        new ChannelPostSending(IncidentId, "system", T0, PostId, 2),
        new ChannelPostRetryRequested(IncidentId, "u", T0, PostId, ChannelPostStatus.Uncertain, "Checked: not sent"),
        new ChannelPostDeliveryConfirmed(IncidentId, "u", T0, PostId, "1001", "https://t.me/x/1001", "Seen"),
        RumorLogged(),
        RumorAssessed(RumorVerdict.Misleading),
        new RumorRebutted(IncidentId, "u", T0, RumorId, StatementId, 1),
        new RumorClosed(IncidentId, "u", T0, RumorId, "Reason"),
    ];

    public static IEnumerable<IncidentCommand> SampleCommands()
    {
        var context = new CommandContext(Guid.NewGuid(), AlmatyObserver, T0);
        return
        [
            new DeclareIncident(IncidentId, context, Code, "Title", "Description", IncidentCategory.CBRNE, Severity.Severe, [Almaty], LeadAgency, [ParticipatingAgency], Visibility.Restricted, [Language.Kk, Language.En], true),
            new AmendIncidentDetails(IncidentId, context, "Title", "Description", IncidentCategory.Geo, [AlmatyRegion]),
            new ChangeIncidentSeverity(IncidentId, context, Severity.Extreme, "Reason"),
            new AddParticipatingAgency(IncidentId, context, "MVD"),
            new RemoveParticipatingAgency(IncidentId, context, "MVD"),
            new StabilizeIncident(IncidentId, context, "Note"),
            new CloseIncident(IncidentId, context, "Summary"),
            new ReopenIncident(IncidentId, context, "Reason"),
            new LogSituationUpdate(IncidentId, context, UpdateId, "Text", Language.Ru, "Source", Almaty, true),
            new CorrectSituationUpdate(IncidentId, context, OtherUpdateId, UpdateId, "Text", "Reason", false),
            new DraftStatement(IncidentId, context, StatementId, StatementKind.Correction, Content, OtherStatementId),
            new ReviseStatement(IncidentId, context, StatementId, RevisedContent),
            new SubmitStatement(IncidentId, context, StatementId, 2),
            new ApproveStatement(IncidentId, context, StatementId, 2, RevisedHash),
            new RejectStatement(IncidentId, context, StatementId, 2, "Reason"),
            new PublishStatement(IncidentId, context, StatementId, 2, RevisedHash, ["telegram"], At(5)),
            new LogRumor(IncidentId, context, RumorId, "Claim", "Telegram", null, T0, 100),
            new AssessRumor(IncidentId, context, RumorId, RumorVerdict.Unverified, "Evidence"),
            new CloseRumor(IncidentId, context, RumorId, "Reason"),
            new RecordChannelPostDelivered(IncidentId, context, PostId, 1, "msg-1", null),
            new RecordChannelPostFailed(IncidentId, context, PostId, 1, "Error", At(3)),
            new AbandonChannelPost(IncidentId, context, PostId, 3, "Error"),
            new MarkChannelPostUncertain(IncidentId, context, PostId, 1, "Note"),
            new RecordChannelPostSending(IncidentId, context, PostId, 2),
            new RetryChannelPost(IncidentId, context, PostId, "Note"),
            new ConfirmChannelPostDelivered(IncidentId, context, PostId, "1001", "https://t.me/x/1001", "Note"),
        ];
    }

    [Fact]
    public void every_event_type_has_a_sample() =>
        SampleEvents().Select(e => e.GetType()).Should().BeEquivalentTo(EventTypes.ByName.Values);

    [Fact]
    public void every_command_type_has_a_sample()
    {
        var commandTypes = typeof(IncidentCommand).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(IncidentCommand).IsAssignableFrom(type));
        SampleCommands().Select(c => c.GetType()).Should().BeEquivalentTo(commandTypes);
    }

    [Fact]
    public void every_event_round_trips_through_json()
    {
        foreach (var @event in SampleEvents())
        {
            var json = JsonSerializer.Serialize(@event, @event.GetType(), Options);
            var back = JsonSerializer.Deserialize(json, EventTypes.ByName[EventTypes.NameOf(@event)], Options);
            back.Should().BeEquivalentTo(@event, options => options.ComparingRecordsByMembers().RespectingRuntimeTypes(), json);
        }
    }

    [Fact]
    public void every_command_round_trips_through_json()
    {
        foreach (var command in SampleCommands())
        {
            var json = JsonSerializer.Serialize(command, command.GetType(), Options);
            var back = JsonSerializer.Deserialize(json, command.GetType(), Options);
            back.Should().BeEquivalentTo(command, options => options.ComparingRecordsByMembers().RespectingRuntimeTypes(), json);
        }
    }

    [Fact]
    public void enums_are_written_by_name_and_statement_content_keyed_by_language()
    {
        var json = JsonSerializer.Serialize(Drafted(), Options);
        json.Should().Contain("\"Kind\":\"Update\"").And.Contain("\"Kk\":{");
    }
}
