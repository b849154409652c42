using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Incidents;

public class ReplayTests
{
    [Fact]
    public void the_initial_state_is_an_undeclared_incident()
    {
        IncidentState.Initial.Exists.Should().BeFalse();
        IncidentState.Initial.Version.Should().Be(0);
    }

    [Fact]
    public void replay_folds_every_event_and_counts_them()
    {
        var history = PublishedStatement();
        var state = Incident.Replay(history);

        state.Exists.Should().BeTrue();
        state.Version.Should().Be(history.Length);
        state.Code.Should().Be(Code);
        state.RequiredLanguages.Should().Equal(Language.Kk, Language.Ru);
        state.Statements[StatementId].Status.Should().Be(StatementStatus.Published);
        state.ChannelPosts.Should().HaveCount(2);
    }

    [Fact]
    public void deciding_does_not_change_the_state_it_was_given()
    {
        var state = Incident.Replay(ApprovedStatement());
        var before = state.Statements[StatementId];
        Incident.Decide(state, new PublishStatement(IncidentId, By(PressOfficer), StatementId, 1, Hash, ["feed"]), IncidentPolicy.Default)
            .IsRejected.Should().BeFalse();
        state.Statements[StatementId].Should().BeSameAs(before);
        state.ChannelPosts.Should().BeEmpty();
    }
}
