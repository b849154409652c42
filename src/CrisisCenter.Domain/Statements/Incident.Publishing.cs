namespace CrisisCenter.Domain;

public static partial class Incident
{
    /// <summary>
    /// Publishes the approved current revision: one Publish post per channel and language of the revision; a
    /// Correction or Retraction also edits or cancels every post of the original that was not abandoned (whether
    /// delivered, uncertain or still pending, so the old text cannot go out unamended); a Rebuttal rebuts its rumour.
    /// </summary>
    private static Decision PublishStatement(IncidentState state, PublishStatement c, IncidentPolicy policy) =>
        WithStatement(state, c.StatementId, statement =>
            (Authorization.PressOfficerOfIncident(state, c.Context.Actor)
             ?? NotYetPublished(statement)
             ?? (statement.Status == StatementStatus.Approved
                 ? null
                 : DomainError.Conflict(DomainErrors.StatementNotApproved, $"Only an approved statement can be published; it is {statement.Status}."))
             ?? CurrentRevision(statement, c.Revision)
             ?? MatchingHash(statement, c.ContentHash)
             ?? ApprovalsStillHold(state, statement, c.Context.At, policy)
             ?? LanguagesComplete(state, statement.Current)
             ?? ValidChannels(c.Channels, policy)
             ?? KindSpecificChecks(state, statement))
            .Or(() => Accept(PublicationEvents(state, statement, c))));

    private static DomainError? ApprovalsStillHold(
        IncidentState state, StatementState statement, DateTimeOffset at, IncidentPolicy policy)
    {
        var required = policy.ApprovalsRequiredFor(state.Severity);
        if (ValidApprovers(statement.Current, at, policy).Count >= required)
        {
            return null;
        }

        return statement.Current.Approvals.Any(approval => !policy.IsApprovalValidAt(approval, at))
            ? DomainError.Conflict(DomainErrors.ApprovalExpired, "Approvals of this revision have expired; it needs approving again.")
            : DomainError.Conflict(
                DomainErrors.StatementInsufficientApprovals,
                $"A {state.Severity} incident needs {required} approvals before publishing.");
    }

    private static DomainError? ValidChannels(IReadOnlyList<string>? channels, IncidentPolicy policy)
    {
        if (channels is null || channels.Count == 0)
        {
            return DomainError.Validation(DomainErrors.ChannelRequired, "Name at least one channel to publish to.");
        }

        return Require.Each(channels, channel => Require.Text(channel, "Channel", policy.MaxChannelCodeLength))
               ?? (channels.Distinct(StringComparer.OrdinalIgnoreCase).Count() == channels.Count
                   ? null
                   : DomainError.Validation(DomainErrors.ChannelDuplicate, "Each channel may be named only once."));
    }

    private static DomainError? KindSpecificChecks(IncidentState state, StatementState statement)
    {
        if (statement.Kind is StatementKind.Correction or StatementKind.Retraction
            && statement.ReferencesStatementId is { } originalId)
        {
            var original = state.Statements[originalId];
            var missing = PostsToAmend(state, original)
                .FirstOrDefault(post => !statement.Current.Content.ContainsKey(post.Language));
            return OriginalStillStands(original)
                   ?? (missing is null
                       ? null
                       : DomainError.Validation(
                           DomainErrors.StatementMissingOriginalLanguage,
                           $"The original was posted in {missing.Language.ToCode()} on {missing.Channel}; the {statement.Kind} needs that language too."));
        }

        if (statement.Kind == StatementKind.Rebuttal && statement.ReferencesRumorId is { } rumorId)
        {
            var rumor = state.Rumors[rumorId];
            return OpenRumor(rumor)
                   ?? (rumor.Verdict is null or RumorVerdict.True
                       ? DomainError.Conflict(DomainErrors.RumorNotRebuttable, "Only a rumour assessed as false, misleading or unverified can be rebutted.")
                       : null);
        }

        return null;
    }

    private static IEnumerable<ChannelPostState> PostsToAmend(IncidentState state, StatementState original) =>
        original.PostIds
            .Select(postId => state.ChannelPosts[postId])
            .Where(post => post.Action == ChannelPostAction.Publish && post.Status != ChannelPostStatus.Abandoned);

    private static List<IncidentEvent> PublicationEvents(IncidentState state, StatementState statement, PublishStatement c)
    {
        var (by, at, revision) = (c.Context.Actor.UserId, c.Context.At, statement.Current);
        var events = new List<IncidentEvent>
        {
            new StatementPublished(state.Id, by, at, statement.Id, revision.Number, revision.ContentHash, c.Channels.ToArray(), c.NotBefore),
        };

        ChannelPostScheduled Post(string channel, Language language, ChannelPostAction action, Guid? originalPostId)
        {
            var key = ChannelPostIdentity.IdempotencyKey(statement.Id, revision.Number, channel, language, action, originalPostId);
            return new ChannelPostScheduled(
                state.Id, by, at, ChannelPostIdentity.PostId(key), statement.Id, revision.Number, channel, language,
                action, originalPostId, key, c.NotBefore);
        }

        foreach (var channel in c.Channels)
        {
            events.AddRange(LanguageCodes.All
                .Where(revision.Content.ContainsKey)
                .Select(language => Post(channel, language, ChannelPostAction.Publish, null)));
        }

        switch (statement.Kind)
        {
            case StatementKind.Correction or StatementKind.Retraction when statement.ReferencesStatementId is { } originalId:
                var action = statement.Kind == StatementKind.Correction ? ChannelPostAction.Correct : ChannelPostAction.Retract;
                events.AddRange(PostsToAmend(state, state.Statements[originalId])
                    .Select(original => Post(original.Channel, original.Language, action, original.Id)));
                break;
            case StatementKind.Rebuttal when statement.ReferencesRumorId is { } rumorId:
                events.Add(new RumorRebutted(state.Id, by, at, rumorId, statement.Id, revision.Number));
                break;
        }

        return events;
    }
}
