using System.Globalization;

namespace CrisisCenter.Grains.IncidentCodes;

/// <summary>The human code of an incident: "INC-", the year, and its number within the year (at least 4 digits).</summary>
public static class IncidentCode
{
    public const int FirstYear = 1;
    public const int LastYear = 9999;

    public static string Format(int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"INC-{year:D4}-{number:D4}");
}
