namespace CrisisCenter.EventStore.Sqlite;

/// <summary>SQLite's <c>PRAGMA synchronous</c> levels. <see cref="Full"/> fsyncs the WAL on every commit,
/// so an acknowledged append survives power loss; <see cref="Normal"/> may lose the last commits on power
/// loss (never on a process crash) in exchange for throughput.</summary>
public enum SqliteSynchronous
{
    Off = 0,
    Normal = 1,
    Full = 2,
    Extra = 3,
}
