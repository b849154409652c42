using CrisisCenter.Application.Templates;
using CrisisCenter.Domain;

namespace CrisisCenter.Web.Hosting;

/// <summary>The holding-statement templates of the demo: a first response for floods and mudflows, earthquakes and
/// fires, in Kazakh, Russian and English. Fixed ids, so seeding twice creates them once.</summary>
public static class DemoTemplates
{
    public static IReadOnlyList<(Guid Id, TemplateDraft Draft)> All { get; } =
    [
        (new Guid("7c1e0a52-3d9b-4f21-8a64-1b2c3d4e5f01"), new TemplateDraft("Mudflow or flood: first response", IncidentCategory.Geo, new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new("{region}: сел және су тасқыны қаупі", "{time} жағдайы бойынша ТЖМ қызметтері {region} аумағындағы жағдайды бақылап отыр. Ресми ақпарат қосымша беріледі.", "Өзен арналарына жақындамаңыз. Шұғыл көмек: {hotline}."),
            [Language.Ru] = new("{region}: угроза селя и паводка", "По состоянию на {time} службы МЧС следят за ситуацией: {region}. Официальная информация будет дополнена.", "Не приближайтесь к руслам рек. Экстренная помощь: {hotline}."),
            [Language.En] = new("{region}: mudflow and flood risk", "As of {time}, emergency services are monitoring the situation in {region}. Official information will follow.", "Stay away from river beds. Emergency help: {hotline}."),
        })),
        (new Guid("7c1e0a52-3d9b-4f21-8a64-1b2c3d4e5f02"), new TemplateDraft("Earthquake: first response", IncidentCategory.Geo, new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new("{region}: жер сілкінісі", "{time} {region} аумағында жер сілкінісі сезілді. Қызметтер зардаптарды анықтап жатыр.", "Ғимараттардан шығып, ашық жерде болыңыз. Шұғыл көмек: {hotline}."),
            [Language.Ru] = new("{region}: землетрясение", "В {time} в регионе ({region}) ощущалось землетрясение. Службы выясняют последствия.", "Выйдите из зданий и оставайтесь на открытом месте. Экстренная помощь: {hotline}."),
            [Language.En] = new("{region}: earthquake", "At {time} an earthquake was felt in {region}. Services are assessing the consequences.", "Leave buildings and stay in the open. Emergency help: {hotline}."),
        })),
        (new Guid("7c1e0a52-3d9b-4f21-8a64-1b2c3d4e5f03"), new TemplateDraft("Fire: first response", IncidentCategory.Fire, new Dictionary<Language, StatementText>
        {
            [Language.Kk] = new("{region}: өрт", "{time} жағдайы бойынша өрт сөндіру бөлімшелері {region} аумағында жұмыс істеп жатыр.", "Түтін аймағынан аулақ болыңыз. Шұғыл көмек: {hotline}."),
            [Language.Ru] = new("{region}: пожар", "По состоянию на {time} пожарные подразделения работают на месте: {region}.", "Держитесь подальше от зоны задымления. Экстренная помощь: {hotline}."),
            [Language.En] = new("{region}: fire", "As of {time}, fire crews are working at the scene in {region}.", "Keep away from the smoke. Emergency help: {hotline}."),
        })),
    ];
}
