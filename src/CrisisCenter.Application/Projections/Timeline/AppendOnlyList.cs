namespace CrisisCenter.Application.Projections;

/// <summary>
/// A list one writer appends to while any number of readers index it without a lock: readers see a prefix of what
/// was appended, never a half-written slot. It replaces immutable lists in read models that only ever grow: an
/// immutable list costs a 48-byte tree node per item and allocates a new path of nodes at every append, which at
/// tens of thousands of timeline entries made most of the read side's garbage; this costs one array slot per item
/// (plus the unused half of the array at worst) and allocates only when it grows.
/// </summary>
/// <remarks>
/// The writer fills the slot (in a bigger copy of the array when full, published before the count), then publishes
/// the new count. A reader reads the count first and the array second, so the array it gets holds at least that many
/// items: slots below the count are never written again.
/// </remarks>
internal sealed class AppendOnlyList<T>(int initialCapacity = 4) : IReadOnlyList<T>
    where T : class
{
    private T[] _items = new T[Math.Max(1, initialCapacity)];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public T this[int index] => Snapshot()[index];

    /// <summary>Appends an item. Only ever called by one writer at a time.</summary>
    public void Add(T item)
    {
        var count = _count;
        var items = _items;
        if (count == items.Length)
        {
            var grown = new T[items.Length * 2];
            Array.Copy(items, grown, count);
            grown[count] = item;
            Volatile.Write(ref _items, grown);
        }
        else
        {
            items[count] = item;
        }

        Volatile.Write(ref _count, count + 1);
    }

    /// <summary>The items appended so far, as a view that stays fixed while the writer goes on appending.</summary>
    public ArraySegment<T> Snapshot()
    {
        var count = Volatile.Read(ref _count);
        return new ArraySegment<T>(Volatile.Read(ref _items), 0, count);
    }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
