namespace CrisisCenter.Web.Tests.Api.Http;

/// <summary>
/// Request bodies as an API client writes them: camelCase names, enums and languages as strings. Written out here
/// rather than serialised from the app's records, so the tests hold the app to its wire format.
/// </summary>
public static class ApiBodies
{
    public static object Declaration(
        string title = "Mudflow threat in the Almaty foothills",
        string severity = "Moderate",
        string visibility = "Normal",
        string[]? regions = null,
        string? leadAgency = null,
        string category = "Geo") => new
    {
        title,
        description = "Heavy rain and snowmelt raised the risk of mudflows in the Medeu district.",
        category,
        severity,
        regions = regions ?? ["KZ-75"],
        leadAgency,
        visibility,
    };

    public static object SituationUpdate(string text = "Kazhydromet reports 45 mm of rain in 12 hours.", string language = "en", string? regionCode = "KZ-75") => new
    {
        text,
        language,
        source = "Kazhydromet",
        regionCode,
        verified = true,
    };

    /// <summary>A holding statement in Kazakh and Russian, the two languages an incident requires by default.</summary>
    public static object KazakhAndRussianStatement(string kind = "Holding", string variant = "") => new
    {
        kind,
        content = new Dictionary<string, object>
        {
            ["kk"] = new { headline = "Алматы тау бөктерінде сел қаупі" + variant, body = "ТЖМ жағдайды бақылап отыр. Өзен арналарынан алыс болыңыз." },
            ["ru"] = new { headline = "Угроза селя в предгорьях Алматы" + variant, body = "МЧС следит за ситуацией. Держитесь подальше от русел рек." },
        },
    };

    public static object Revision(string variant) => new
    {
        content = new Dictionary<string, object>
        {
            ["kk"] = new { headline = "Сел қаупі сақталуда" + variant, body = "Тұрғындар ресми хабарламаларды ғана тыңдауы тиіс." },
            ["ru"] = new { headline = "Угроза селя сохраняется" + variant, body = "Жителям следует доверять только официальным сообщениям." },
        },
    };

    public static object Submission(int revision) => new { revision };

    public static object Approval(int revision, string contentHash) => new { revision, contentHash };

    public static object Publication(int revision, string contentHash, params string[] channels) => new { revision, contentHash, channels };

    public static object Closing(string summary = "The threat has passed; residents returned home.") => new { summary };

    public static object DetailsAmendment(string[] regions) => new
    {
        title = "Mudflow threat in the Almaty foothills",
        description = "Amended after the aerial survey.",
        category = "Geo",
        regions,
    };
}
