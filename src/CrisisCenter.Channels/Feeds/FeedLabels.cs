using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Feeds;

/// <summary>The few fixed words public pages and feeds show, per language.</summary>
public static class FeedLabels
{
    public static string FeedTitle(Language language) => language switch
    {
        Language.Kk => "Ресми мәлімдемелер",
        Language.Ru => "Официальные заявления",
        _ => "Official statements",
    };

    /// <summary>The feeds' author when <see cref="ChannelsOptions.PublisherName"/> is not configured.</summary>
    public static string PressService(Language language) => language switch
    {
        Language.Kk => "Баспасөз қызметі",
        Language.Ru => "Пресс-служба",
        _ => "Press service",
    };

    public static string Corrected(Language language) => language switch
    {
        Language.Kk => "Түзетілді",
        Language.Ru => "Исправлено",
        _ => "Corrected",
    };

    /// <summary>Marks a correcting statement's own headline (CAP): "Correction", not "Corrected".</summary>
    public static string Correction(Language language) => language switch
    {
        Language.Kk => "Түзету",
        Language.Ru => "Исправление",
        _ => "Correction",
    };

    public static string Retracted(Language language) => language switch
    {
        Language.Kk => "Кері қайтарылды",
        Language.Ru => "Отозвано",
        _ => "Retracted",
    };

    public static string Withdrawn(Language language) => language switch
    {
        Language.Kk => "Бұл мәлімдеме кері қайтарылды; оның мәтіні енді жарияланбайды.",
        Language.Ru => "Это заявление отозвано; его текст больше не публикуется.",
        _ => "This statement was retracted; its text is no longer published.",
    };

    public static string SeeAmendment(Language language) => language switch
    {
        Language.Kk => "Қараңыз",
        Language.Ru => "См.",
        _ => "See",
    };

    public static string Instruction(Language language) => language switch
    {
        Language.Kk => "Не істеу керек",
        Language.Ru => "Что делать",
        _ => "What to do",
    };

    /// <summary>The title as shown: "[Corrected] Headline", or the retraction label alone (the headline is withdrawn too).</summary>
    public static string TitleOf(FeedEntry entry) => entry.Status switch
    {
        FeedEntryStatus.Corrected => $"[{Corrected(entry.Language)}] {entry.Text.Headline}",
        FeedEntryStatus.Retracted => $"[{Retracted(entry.Language)}] {entry.IncidentCode}",
        _ => entry.Text.Headline,
    };

    /// <summary>The body as shown: plain text, the instruction after it; for a retraction, the notice only.</summary>
    public static string BodyOf(FeedEntry entry) => entry.VisibleText is { } text
        ? text.Instruction is { Length: > 0 } instruction ? $"{text.Body}\n\n{Instruction(entry.Language)}: {instruction}" : text.Body
        : Withdrawn(entry.Language);
}
