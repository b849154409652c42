using CrisisCenter.Channels.Feeds;
using CrisisCenter.Domain;

namespace CrisisCenter.Channels.Cap;

/// <summary>The words a CAP message says besides the statement's own text, per language.</summary>
public static class CapLabels
{
    /// <summary>CAP &lt;event&gt;: the kind of event in plain words (the statement's headline is the &lt;headline&gt;).</summary>
    public static string EventOf(IncidentCategory category, Language language) => (category, language) switch
    {
        (IncidentCategory.Geo, Language.Kk) => "Геологиялық қауіп",
        (IncidentCategory.Geo, Language.Ru) => "Геологическая опасность",
        (IncidentCategory.Geo, _) => "Geophysical hazard",
        (IncidentCategory.Met, Language.Kk) => "Қауіпті ауа райы құбылысы",
        (IncidentCategory.Met, Language.Ru) => "Опасное погодное явление",
        (IncidentCategory.Met, _) => "Severe weather or flood",
        (IncidentCategory.Safety, Language.Kk) => "Қоғамдық қауіпсіздік",
        (IncidentCategory.Safety, Language.Ru) => "Угроза общественной безопасности",
        (IncidentCategory.Safety, _) => "Public safety",
        (IncidentCategory.Security, Language.Kk) => "Құқық тәртібі және қауіпсіздік",
        (IncidentCategory.Security, Language.Ru) => "Правопорядок и безопасность",
        (IncidentCategory.Security, _) => "Law enforcement and security",
        (IncidentCategory.Rescue, Language.Kk) => "Құтқару жұмыстары",
        (IncidentCategory.Rescue, Language.Ru) => "Спасательные работы",
        (IncidentCategory.Rescue, _) => "Rescue and recovery",
        (IncidentCategory.Fire, Language.Kk) => "Өрт",
        (IncidentCategory.Fire, Language.Ru) => "Пожар",
        (IncidentCategory.Fire, _) => "Fire",
        (IncidentCategory.Health, Language.Kk) => "Денсаулыққа қауіп",
        (IncidentCategory.Health, Language.Ru) => "Угроза здоровью",
        (IncidentCategory.Health, _) => "Public health",
        (IncidentCategory.Env, Language.Kk) => "Қоршаған ортаның ластануы",
        (IncidentCategory.Env, Language.Ru) => "Загрязнение окружающей среды",
        (IncidentCategory.Env, _) => "Environmental hazard",
        (IncidentCategory.Transport, Language.Kk) => "Көлік оқиғасы",
        (IncidentCategory.Transport, Language.Ru) => "Транспортное происшествие",
        (IncidentCategory.Transport, _) => "Transport incident",
        (IncidentCategory.Infra, Language.Kk) => "Инфрақұрылымдағы авария",
        (IncidentCategory.Infra, Language.Ru) => "Авария на инфраструктуре",
        (IncidentCategory.Infra, _) => "Infrastructure failure",
        (IncidentCategory.CBRNE, Language.Kk) => "Химиялық, биологиялық, радиациялық қауіп",
        (IncidentCategory.CBRNE, Language.Ru) => "Химическая, биологическая, радиационная угроза",
        (IncidentCategory.CBRNE, _) => "Chemical, biological, radiological hazard",
        (_, Language.Kk) => "Төтенше жағдай",
        (_, Language.Ru) => "Чрезвычайная ситуация",
        _ => "Emergency",
    };

    /// <summary>CAP &lt;note&gt; of an Update or Cancel: why this message replaces the ones it references.</summary>
    public static string? NoteOf(CapMessage message) => (message.Type, message.Kind) switch
    {
        (CapMessageType.Cancel, _) => "Retraction: the referenced message is withdrawn; disregard it.",
        (CapMessageType.Update, StatementKind.Correction) => "Correction: replaces the referenced message, which contained an error.",
        (CapMessageType.Update, _) => "Update: the situation has changed since the referenced messages.",
        _ => null,
    };

    /// <summary>The headline as a CAP reader sees it: a correction or retraction is marked as such.</summary>
    public static string HeadlineOf(CapMessage message, Language language, string headline) => message.Kind switch
    {
        StatementKind.Correction => $"[{FeedLabels.Correction(language)}] {headline}",
        StatementKind.Retraction => $"[{FeedLabels.Retracted(language)}] {headline}",
        _ => headline,
    };
}
