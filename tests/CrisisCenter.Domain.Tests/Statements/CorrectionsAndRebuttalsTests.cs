using CrisisCenter.Domain.Tests.Spec;
using static CrisisCenter.Domain.Tests.Spec.IncidentSpec;
using static CrisisCenter.Domain.Tests.Spec.Sample;

namespace CrisisCenter.Domain.Tests.Statements;

public class CorrectionsAndRebuttalsTests
{
    private static readonly IReadOnlyDictionary<Language, StatementText> CorrectionContent = new Dictionary<Language, StatementText>
    {
        [Language.Kk] = new("Түзету: су тасқыны", "Зардап шеккен аудандар саны — екі."),
        [Language.Ru] = new("Уточнение: паводок", "Пострадавших районов — два."),
    };

    /// <summary>The published sample statement plus an approved follow-up of <paramref name="kind"/> referencing it.</summary>
    private static (IncidentEvent[] History, string Hash) ApprovedFollowUp(StatementKind kind, IReadOnlyDictionary<Language, StatementText>? content = null)
    {
        var text = content ?? CorrectionContent;
        var hash = ContentHash.Compute(kind, text, StatementId);
        IncidentEvent[] history =
        [
            .. PublishedStatement(),
            Drafted(OtherStatementId, kind, text, referencesStatementId: StatementId),
            Submitted(hash: hash, statementId: OtherStatementId),
            Approved(hash: hash, statementId: OtherStatementId),
        ];
        return (history, hash);
    }

    private static PublishStatement PublishFollowUp(string hash) =>
        new(IncidentId, By(PressOfficer, At(40)), OtherStatementId, 1, hash, ["feed"]);

    [Fact]
    public void publishing_a_correction_edits_every_post_of_the_original_and_marks_it_corrected()
    {
        var (history, hash) = ApprovedFollowUp(StatementKind.Correction);
        var originalKk = Scheduled("telegram", Language.Kk).PostId;
        var originalRu = Scheduled("telegram", Language.Ru).PostId;

        var state = Given(history)
            .When(PublishFollowUp(hash))
            .Then(
                new StatementPublished(IncidentId, PressOfficer.UserId, At(40), OtherStatementId, 1, hash, ["feed"], null),
                Scheduled("feed", Language.Kk, OtherStatementId, at: At(40)),
                Scheduled("feed", Language.Ru, OtherStatementId, at: At(40)),
                Scheduled("telegram", Language.Kk, OtherStatementId, ChannelPostAction.Correct, originalKk, At(40)),
                Scheduled("telegram", Language.Ru, OtherStatementId, ChannelPostAction.Correct, originalRu, At(40)));

        state.Statements[StatementId].Status.Should().Be(StatementStatus.Corrected);
        state.Statements[StatementId].SupersededBy.Should().Be(OtherStatementId);
        state.Statements[OtherStatementId].Status.Should().Be(StatementStatus.Published);
    }

    [Fact]
    public void publishing_a_retraction_cancels_every_post_of_the_original_and_marks_it_retracted()
    {
        var (history, hash) = ApprovedFollowUp(StatementKind.Retraction);
        var state = Given(history).When(PublishFollowUp(hash)).Then(
            new StatementPublished(IncidentId, PressOfficer.UserId, At(40), OtherStatementId, 1, hash, ["feed"], null),
            Scheduled("feed", Language.Kk, OtherStatementId, at: At(40)),
            Scheduled("feed", Language.Ru, OtherStatementId, at: At(40)),
            Scheduled("telegram", Language.Kk, OtherStatementId, ChannelPostAction.Retract, Scheduled("telegram", Language.Kk).PostId, At(40)),
            Scheduled("telegram", Language.Ru, OtherStatementId, ChannelPostAction.Retract, Scheduled("telegram", Language.Ru).PostId, At(40)));

        state.Statements[StatementId].Status.Should().Be(StatementStatus.Retracted);
    }

    [Fact]
    public void abandoned_posts_of_the_original_are_not_amended()
    {
        var (history, hash) = ApprovedFollowUp(StatementKind.Correction);
        var abandoned = new ChannelPostAbandoned(IncidentId, Actor.SystemUserId, At(25), Scheduled("telegram", Language.Ru).PostId, 5, "HTTP 403");
        var posts = Given([.. history, abandoned]).When(PublishFollowUp(hash)).ThenAccepts().OfType<ChannelPostScheduled>();
        posts.Where(post => post.Action == ChannelPostAction.Correct).Select(post => post.Language).Should().Equal(Language.Kk);
    }

    [Fact]
    public void a_correction_covers_every_language_the_original_was_posted_in()
    {
        var trilingual = new Dictionary<Language, StatementText>(Content) { [Language.En] = new("Flood in Almaty", "Rescuers are at work.") };
        var originalHash = ContentHash.Compute(StatementKind.Update, trilingual);
        var correctionHash = ContentHash.Compute(StatementKind.Correction, CorrectionContent, StatementId);
        Given(
                Declared(), Drafted(content: trilingual), Submitted(hash: originalHash), Approved(hash: originalHash),
                Published(["telegram"], hash: originalHash),
                Scheduled("telegram", Language.Kk), Scheduled("telegram", Language.Ru), Scheduled("telegram", Language.En),
                Drafted(OtherStatementId, StatementKind.Correction, CorrectionContent, referencesStatementId: StatementId),
                Submitted(hash: correctionHash, statementId: OtherStatementId),
                Approved(hash: correctionHash, statementId: OtherStatementId))
            .When(PublishFollowUp(correctionHash))
            .ThenRejects(DomainErrors.StatementMissingOriginalLanguage, ErrorKind.Validation);
    }

    [Fact]
    public void a_retracted_statement_cannot_be_corrected() =>
        Given(
            [
                .. PublishedStatement(),
                Drafted(OtherStatementId, StatementKind.Retraction, CorrectionContent, referencesStatementId: StatementId),
                new StatementPublished(IncidentId, PressOfficer.UserId, At(25), OtherStatementId, 1, Hash, ["feed"], null),
            ])
            .When(new DraftStatement(IncidentId, By(PressOfficer), Guid.NewGuid(), StatementKind.Correction, CorrectionContent, StatementId))
            .ThenRejects(DomainErrors.StatementReferenceRetracted, ErrorKind.Conflict);

    [Fact]
    public void a_correction_is_not_published_once_its_original_was_retracted()
    {
        var (history, hash) = ApprovedFollowUp(StatementKind.Correction);
        var retractionId = Guid.NewGuid();
        Given(
            [
                .. history,
                Drafted(retractionId, StatementKind.Retraction, CorrectionContent, referencesStatementId: StatementId),
                new StatementPublished(IncidentId, PressOfficer.UserId, At(35), retractionId, 1, Hash, ["feed"], null),
            ])
            .When(PublishFollowUp(hash))
            .ThenRejects(DomainErrors.StatementReferenceRetracted);
    }

    [Fact]
    public void publishing_a_rebuttal_rebuts_its_rumour()
    {
        var hash = ContentHash.Compute(StatementKind.Rebuttal, Content, referencesRumorId: RumorId);
        var state = Given(
                Declared(), RumorLogged(), RumorAssessed(),
                Drafted(kind: StatementKind.Rebuttal, referencesRumorId: RumorId),
                Submitted(hash: hash), Approved(hash: hash))
            .When(new PublishStatement(IncidentId, By(PressOfficer, At(20)), StatementId, 1, hash, ["feed"]))
            .Then(
                Published(["feed"], hash: hash),
                Scheduled("feed", Language.Kk),
                Scheduled("feed", Language.Ru),
                new RumorRebutted(IncidentId, PressOfficer.UserId, At(20), RumorId, StatementId, 1));

        state.Rumors[RumorId].Status.Should().Be(RumorStatus.Rebutted);
        state.Rumors[RumorId].RebuttedByStatementId.Should().Be(StatementId);
    }

    [Fact]
    public void a_rumour_assessed_true_is_not_rebutted()
    {
        var hash = ContentHash.Compute(StatementKind.Rebuttal, Content, referencesRumorId: RumorId);
        Given(
                Declared(), RumorLogged(), RumorAssessed(RumorVerdict.True),
                Drafted(kind: StatementKind.Rebuttal, referencesRumorId: RumorId),
                Submitted(hash: hash), Approved(hash: hash))
            .When(new PublishStatement(IncidentId, By(PressOfficer, At(20)), StatementId, 1, hash, ["feed"]))
            .ThenRejects(DomainErrors.RumorNotRebuttable, ErrorKind.Conflict);
    }
}
