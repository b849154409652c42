namespace CrisisCenter.LoadTest;

public sealed record RunSettings(
    Uri? Url,
    bool Spawn,
    string? AppDll,
    int Clients,
    double Rate,
    int Incidents,
    int DurationSeconds,
    string User,
    string Password,
    string OutputDirectory,
    int BaselineSeconds,
    int ThroughputSeconds,
    int ThroughputConcurrency,
    int FanOutSeconds,
    int FanOutConcurrency,
    int ScaleIncidents,
    int ScaleConnections,
    int MaxInFlight,
    bool SkipBaselines,
    bool SkipSystem,
    IReadOnlyList<string> AppEnvironment);
