namespace CrisisCenter.Domain;

public static partial class Incident
{
    private static IncidentState SituationUpdateLogged(IncidentState state, SituationUpdateLogged e) => state with
    {
        SituationUpdates = state.SituationUpdates.Add(
            e.UpdateId,
            new SituationUpdate(e.UpdateId, e.Text, e.Language, e.Source, e.RegionCode, e.Verified, e.By, e.At)),
    };

    private static IncidentState SituationUpdateCorrected(IncidentState state, SituationUpdateCorrected e)
    {
        var correction = new SituationUpdate(
            e.UpdateId, e.Text, e.Language, e.Source, e.RegionCode, e.Verified, e.By, e.At,
            CorrectsUpdateId: e.CorrectsUpdateId, CorrectionReason: e.Reason);
        var updates = state.SituationUpdates.Add(e.UpdateId, correction);
        if (updates.TryGetValue(e.CorrectsUpdateId, out var corrected))
        {
            updates = updates.SetItem(e.CorrectsUpdateId, corrected with { CorrectedByUpdateId = e.UpdateId });
        }

        return state with { SituationUpdates = updates };
    }
}
