namespace CrisisCenter.Application.Projections;

/// <summary>
/// A read model fed by the <see cref="ProjectionHost"/>. <see cref="Apply"/> is called from one thread only, in
/// store order; queries may run concurrently on any thread, so an implementation publishes immutable snapshots.
/// </summary>
public interface IProjection
{
    /// <summary>Folds one event in. Throwing skips the event for this projection only (the host logs and counts it),
    /// so a projection should publish its new snapshot last, after everything that can fail.</summary>
    void Apply(ProjectedEvent e);
}
