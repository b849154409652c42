using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Rumors;

public class RumorTests
{
    private static LogRumor Log(string? link = "https://t.me/example/1", DateTimeOffset? firstSeen = null, long? reach = 12_000, Actor? actor = null) =>
        new(IncidentId, By(actor ?? PressOfficer, At(3)), RumorId, "The dam at Medeu has burst", "Telegram", link, firstSeen ?? At(1), reach);

    private static readonly RumorClosed Closed = new(IncidentId, PressOfficer.UserId, At(6), RumorId, "Faded out");

    [Fact]
    public void a_rumour_is_logged_with_claim_source_link_first_sighting_and_reach()
    {
        var state = Given(Declared()).When(Log()).Then(RumorLogged());
        state.Rumors[RumorId].Status.Should().Be(RumorStatus.Logged);
    }

    [Fact]
    public void a_rumour_is_logged_only_once() =>
        Given(Declared(), RumorLogged()).When(Log()).ThenRejects(DomainErrors.RumorAlreadyLogged, ErrorKind.Conflict);

    [Fact]
    public void a_rumour_link_must_be_a_web_address() =>
        Given(Declared()).When(Log(link: "javascript:alert(1)")).ThenRejects(DomainErrors.InvalidLink, ErrorKind.Validation);

    [Fact]
    public void a_rumour_cannot_be_first_seen_after_it_is_logged() =>
        Given(Declared()).When(Log(firstSeen: At(10))).ThenRejects(DomainErrors.RumorFirstSeenInFuture, ErrorKind.Validation);

    [Fact]
    public void estimated_reach_cannot_be_negative() =>
        Given(Declared()).When(Log(reach: -1)).ThenRejects(DomainErrors.OutOfRange);

    [Fact]
    public void an_observer_does_not_log_rumours() =>
        Given(Declared()).When(Log(actor: AlmatyObserver)).ThenRejects(DomainErrors.NotPressOfficerOfIncident, ErrorKind.Forbidden);

    [Fact]
    public void a_rumour_is_assessed_with_verdict_and_evidence()
    {
        var state = Given(Declared(), RumorLogged())
            .When(new AssessRumor(IncidentId, By(PressOfficer, At(4)), RumorId, RumorVerdict.False, "Dam operator confirms the dam is intact."))
            .Then(RumorAssessed());
        state.Rumors[RumorId].Status.Should().Be(RumorStatus.Assessed);
        state.Rumors[RumorId].Verdict.Should().Be(RumorVerdict.False);
    }

    [Fact]
    public void assessing_needs_evidence() =>
        Given(Declared(), RumorLogged())
            .When(new AssessRumor(IncidentId, By(PressOfficer), RumorId, RumorVerdict.False, ""))
            .ThenRejects(DomainErrors.Required);

    [Fact]
    public void assessing_an_unknown_rumour_is_not_found() =>
        Given(Declared())
            .When(new AssessRumor(IncidentId, By(PressOfficer), RumorId, RumorVerdict.False, "Checked"))
            .ThenRejects(DomainErrors.RumorNotFound, ErrorKind.NotFound);

    [Fact]
    public void a_rumour_is_closed_with_a_reason()
    {
        var state = Given(Declared(), RumorLogged(), RumorAssessed())
            .When(new CloseRumor(IncidentId, By(PressOfficer, At(6)), RumorId, "Faded out"))
            .Then(Closed);
        state.Rumors[RumorId].Status.Should().Be(RumorStatus.Closed);
    }

    [Fact]
    public void closing_a_closed_rumour_is_a_conflict() =>
        Given(Declared(), RumorLogged(), Closed)
            .When(new CloseRumor(IncidentId, By(PressOfficer), RumorId, "Again"))
            .ThenRejects(DomainErrors.RumorClosed, ErrorKind.Conflict);

    [Fact]
    public void a_closed_rumour_is_not_assessed() =>
        Given(Declared(), RumorLogged(), Closed)
            .When(new AssessRumor(IncidentId, By(PressOfficer), RumorId, RumorVerdict.True, "New facts"))
            .ThenRejects(DomainErrors.RumorClosed);

    [Fact]
    public void a_closed_rumour_is_not_rebutted() =>
        Given(Declared(), RumorLogged(), Closed)
            .When(new DraftStatement(IncidentId, By(PressOfficer), StatementId, StatementKind.Rebuttal, Content, null, RumorId))
            .ThenRejects(DomainErrors.RumorClosed);
}
