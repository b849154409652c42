using CrisisCenter.Application.Projections;

namespace CrisisCenter.Application.Tests.Kpis;

public sealed class DurationStatsTests
{
    private static TimeSpan[] Minutes(params double[] values) => [.. values.Select(TimeSpan.FromMinutes)];

    [Fact]
    public void nothing_measured_has_no_median()
    {
        DurationStats.Of([]).Should().Be(new DurationStats(0, null, null));
    }

    [Fact]
    public void one_measure_is_its_own_median_and_p90()
    {
        DurationStats.Of(Minutes(7)).Should().Be(new DurationStats(1, TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(7)));
    }

    [Fact]
    public void odd_count_median_is_the_middle_value_whatever_the_input_order()
    {
        DurationStats.Of(Minutes(9, 1, 4)).Should().Be(new DurationStats(3, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(9)));
    }

    [Fact]
    public void even_count_median_is_the_mean_of_the_two_middle_values()
    {
        DurationStats.Of(Minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)).Should().Be(
            new DurationStats(10, TimeSpan.FromMinutes(5.5), TimeSpan.FromMinutes(9)));
    }

    [Fact]
    public void p90_is_the_nearest_rank()
    {
        // ceil(0.9 * 11) = 10th value; ceil(0.9 * 5) = 5th value
        DurationStats.Of(Minutes(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)).P90.Should().Be(TimeSpan.FromMinutes(10));
        DurationStats.Of(Minutes(10, 20, 30, 40, 50)).P90.Should().Be(TimeSpan.FromMinutes(50));
    }
}
