namespace CrisisCenter.Application.Projections;

/// <summary>One page of a query's results. <see cref="Number"/> is 1-based; <see cref="TotalCount"/> counts every
/// match over all pages.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Number, int Size, int TotalCount)
{
    public int TotalPages => Size == 0 ? 0 : (TotalCount + Size - 1) / Size;

    public bool HasNext => Number < TotalPages;
}
