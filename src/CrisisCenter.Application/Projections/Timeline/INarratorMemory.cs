using CrisisCenter.Domain;

namespace CrisisCenter.Application.Projections;

/// <summary>What the <see cref="TimelineNarrator"/> must remember of earlier events to word later ones.</summary>
internal interface INarratorMemory
{
    StatementKind? FindStatementKind(Guid statementId);

    void RememberStatementKind(Guid statementId, StatementKind kind);

    PostTarget? FindPost(Guid postId);

    void RememberPost(Guid postId, PostTarget target);
}

/// <summary>Where a channel post goes: a delivery's line names it.</summary>
internal sealed record PostTarget(Guid StatementId, string Channel, Language Language)
{
    public override string ToString() => $"{Channel} ({Language.ToCode()})";
}

/// <summary>The narrator's memory as dictionaries: for read models rebuilt in memory at every start (tests, tools).</summary>
internal sealed class InMemoryNarratorMemory : INarratorMemory
{
    private readonly Dictionary<Guid, StatementKind> _statementKinds = [];
    private readonly Dictionary<Guid, PostTarget> _posts = [];

    public StatementKind? FindStatementKind(Guid statementId) => _statementKinds.TryGetValue(statementId, out var kind) ? kind : null;

    public void RememberStatementKind(Guid statementId, StatementKind kind) => _statementKinds[statementId] = kind;

    public PostTarget? FindPost(Guid postId) => _posts.GetValueOrDefault(postId);

    public void RememberPost(Guid postId, PostTarget target) => _posts[postId] = target;
}
