using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Telegram;

/// <summary>The fixed words of Telegram messages, per language (the status words are the public site's).</summary>
public static class TelegramLabels
{
    public static string MoreOnTheWebsite(Language language) => language switch
    {
        Language.Kk => "Толығырақ сайтта",
        Language.Ru => "Подробнее на сайте",
        _ => "More on the website",
    };

    public static string MessageCorrected(Language language) => language switch
    {
        Language.Kk => "Бұл хабарлама түзетілді; жоғарыдағы мәтін — түзетілген нұсқасы.",
        Language.Ru => "Это сообщение исправлено; выше — исправленный текст.",
        _ => "This message was corrected; the text above is the corrected version.",
    };

    /// <summary>Shown on the later parts of a long original that a shorter correction or notice no longer fills.</summary>
    public static string SeeFirstPart(Language language) => language switch
    {
        Language.Kk => "бірінші бөлігін қараңыз",
        Language.Ru => "см. первую часть",
        _ => "see the first part",
    };
}
