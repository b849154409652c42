namespace CrisisCenter.Domain;

/// <summary>A statement's text in one language. <paramref name="Instruction"/> is the CAP-style "what to do".</summary>
public sealed record StatementText(string Headline, string Body, string? Instruction = null)
{
    /// <summary>Publishable: both headline and body carry text.</summary>
    public bool IsComplete => !string.IsNullOrWhiteSpace(Headline) && !string.IsNullOrWhiteSpace(Body);
}
