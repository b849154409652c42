namespace CrisisCenter.Application.Pipeline;

/// <summary>
/// Lets a command return only once the read models have seen its events, so the client's next query
/// shows what it just did. Bounded: if projections lag beyond the wait, the command still succeeds.
/// </summary>
public interface IReadYourWrites
{
    Task WaitForAsync(long position, CancellationToken cancellationToken);
}
