using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Statements;

public class PublishingStatementTests
{
    private static PublishStatement Publish(
        IReadOnlyList<string>? channels = null, string? hash = null, int revision = 1, Actor? actor = null, DateTimeOffset? at = null) =>
        new(IncidentId, By(actor ?? PressOfficer, at ?? At(20)), StatementId, revision, hash ?? Hash, channels ?? ["telegram", "feed"]);

    [Fact]
    public void publishing_schedules_one_post_per_channel_and_language()
    {
        var state = Given(ApprovedStatement())
            .When(Publish())
            .Then(
                Published(["telegram", "feed"]),
                Scheduled("telegram", Language.Kk),
                Scheduled("telegram", Language.Ru),
                Scheduled("feed", Language.Kk),
                Scheduled("feed", Language.Ru));

        var statement = state.Statements[StatementId];
        statement.Status.Should().Be(StatementStatus.Published);
        statement.PublishedRevision.Should().Be(1);
        statement.PostIds.Should().HaveCount(4);
        state.ChannelPosts.Values.Should().OnlyContain(post => post.Status == ChannelPostStatus.Scheduled);
    }

    [Fact]
    public void post_ids_and_idempotency_keys_are_deterministic()
    {
        var first = Given(ApprovedStatement()).When(Publish()).ThenAccepts().OfType<ChannelPostScheduled>().ToArray();
        var again = Given(ApprovedStatement()).When(Publish()).ThenAccepts().OfType<ChannelPostScheduled>().ToArray();

        again.Select(post => post.PostId).Should().Equal(first.Select(post => post.PostId));
        first[0].IdempotencyKey.Should().Be($"{StatementId}:1:telegram:kk");
        first.Select(post => post.PostId).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void an_optional_language_present_in_the_revision_is_posted_too()
    {
        var trilingual = new Dictionary<Language, StatementText>(Content) { [Language.En] = new("Flood in Almaty", "Rescuers are at work.") };
        var hash = ContentHash.Compute(StatementKind.Update, trilingual);
        var posts = Given(Declared(), Drafted(content: trilingual), Submitted(hash: hash), Approved(hash: hash))
            .When(Publish(["feed"], hash: hash))
            .ThenAccepts().OfType<ChannelPostScheduled>();
        posts.Select(post => post.Language).Should().Equal(Language.Kk, Language.Ru, Language.En);
    }

    [Fact]
    public void only_an_approved_statement_is_published() =>
        Given(Declared(), Drafted(), Submitted()).When(Publish()).ThenRejects(DomainErrors.StatementNotApproved, ErrorKind.Conflict);

    [Fact]
    public void publishing_checks_the_hash_still_matches() =>
        Given(ApprovedStatement()).When(Publish(hash: RevisedHash)).ThenRejects(DomainErrors.StatementHashMismatch, ErrorKind.Conflict);

    [Fact]
    public void publishing_an_old_revision_is_stale() =>
        Given(ApprovedStatement()).When(Publish(revision: 2)).ThenRejects(DomainErrors.StatementStaleRevision);

    [Fact]
    public void a_revised_statement_needs_approval_again_before_publishing() =>
        Given([.. ApprovedStatement(), Revised()]).When(Publish(hash: RevisedHash, revision: 2)).ThenRejects(DomainErrors.StatementNotApproved);

    [Fact]
    public void at_least_one_channel_is_required() =>
        Given(ApprovedStatement()).When(Publish([])).ThenRejects(DomainErrors.ChannelRequired, ErrorKind.Validation);

    [Fact]
    public void channels_must_be_distinct() =>
        Given(ApprovedStatement()).When(Publish(["telegram", "Telegram"])).ThenRejects(DomainErrors.ChannelDuplicate, ErrorKind.Validation);

    [Fact]
    public void a_statement_is_published_only_once() =>
        Given(PublishedStatement()).When(Publish()).ThenRejects(DomainErrors.StatementAlreadyPublished, ErrorKind.Conflict);

    [Fact]
    public void publishing_after_approvals_expired_is_rejected() =>
        Given(ApprovedStatement())
            .WithPolicy(IncidentPolicy.Default with { ApprovalValidity = TimeSpan.FromMinutes(30) })
            .When(Publish(at: At(60)))
            .ThenRejects(DomainErrors.ApprovalExpired, ErrorKind.Conflict);

    [Fact]
    public void publishing_within_the_approval_validity_is_accepted() =>
        Given(ApprovedStatement())
            .WithPolicy(IncidentPolicy.Default with { ApprovalValidity = TimeSpan.FromMinutes(30) })
            .When(Publish(["feed"], at: At(40)))
            .ThenAccepts().Should().HaveCount(3);

    [Fact]
    public void a_press_officer_outside_the_incident_cannot_publish() =>
        Given(ApprovedStatement()).When(Publish(actor: OutsidePressOfficer)).ThenRejects(DomainErrors.NotPressOfficerOfIncident, ErrorKind.Forbidden);

    [Fact]
    public void publishing_carries_the_not_before_time_to_the_posts()
    {
        var notBefore = At(90);
        var events = Given(ApprovedStatement())
            .When(Publish(["feed"]) with { NotBefore = notBefore })
            .ThenAccepts();
        events.OfType<StatementPublished>().Single().NotBefore.Should().Be(notBefore);
        events.OfType<ChannelPostScheduled>().Should().OnlyContain(post => post.NotBefore == notBefore);
    }
}
