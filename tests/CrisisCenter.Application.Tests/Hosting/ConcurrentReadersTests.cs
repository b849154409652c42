using CrisisCenter.Application.Projections;
using CrisisCenter.Application.Tests.Support;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;

namespace CrisisCenter.Application.Tests.Hosting;

public sealed class ConcurrentReadersTests
{
    [Fact]
    public async Task readers_querying_while_events_are_applied_never_fail_and_see_whole_events()
    {
        var board = new IncidentBoard();
        var queue = new ApprovalQueue(IncidentPolicy.Default);
        var kpis = new IncidentKpis();
        var timeline = new IncidentTimeline();
        var store = new StoreOrder();
        var incidents = Enumerable.Range(0, 20).Select(_ => new Facts()).ToList();
        using var done = new CancellationTokenSource();
        var readersStarted = 0;
        var allReading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Dedicated threads: busy readers on the thread pool of a 2-core machine wait for thread injection.
        var readers = Enumerable.Range(0, 3).Select(_ => Task.Factory.StartNew(() =>
        {
            var reads = 0;
            do
            {
                var page = board.Query(new IncidentBoardQuery(PageSize: 50), _ => true);
                page.Items.Count.Should().Be(page.TotalCount);
                page.Items.Should().NotContain(i => i.StatementsAwaitingApproval > 1);
                queue.For("chief-1", "mes").Should().NotContain(p => p.ApprovedBy.Count > 0);
                foreach (var incident in incidents)
                {
                    kpis.For(incident.Id);
                }

                var entries = timeline.After(GlobalPosition.Start, IncidentTimeline.MaxLimit);
                entries.Select(e => e.Position).Should().BeInAscendingOrder();
                if (reads++ == 0 && Interlocked.Increment(ref readersStarted) == 3)
                {
                    allReading.SetResult();
                }
            }
            while (!done.IsCancellationRequested);

            return reads;
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToList();

        await Task.WhenAny([allReading.Task, .. readers]).WaitAsync(RunningProjections.Patience); // a failing reader ends the wait too
        readers.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException!.Message).Should().BeEmpty();
        for (var round = 0; round < 25; round++)
        {
            foreach (var incident in incidents)
            {
                var statement = Guid.NewGuid();
                if (round == 0)
                {
                    Apply(incident.Declared(at: round, lead: "mes"));
                }

                Apply(incident.Drafted(round, statement));
                Apply(incident.Submitted(round, statement));
                Apply(incident.Approved(round, statement, "chief-1", 1, 1));
                Apply(incident.RumorLogged(round, Guid.NewGuid()));
            }
        }

        await done.CancelAsync();
        (await Task.WhenAll(readers)).Sum().Should().BeGreaterThan(3, "readers kept reading while events were applied");
        board.Count.Should().Be(20);
        timeline.Count.Should().Be(20 + (20 * 25 * 4));
        kpis.For(incidents[0].Id)!.ApprovalTurnaround.Count.Should().Be(25);

        void Apply(IncidentEvent @event)
        {
            var recorded = store.Record(@event);
            board.Apply(recorded);
            queue.Apply(recorded);
            kpis.Apply(recorded);
            timeline.Apply(recorded);
        }
    }
}
