using System.Text;
using System.Text.Json.Nodes;
using CrisisCenter.Domain;
using CrisisCenter.EventStore;
using CrisisCenter.Grains.Incidents;
using CrisisCenter.Grains.Serialization;
using CrisisCenter.Grains.Tests.Cluster;

namespace CrisisCenter.Grains.Tests.Incidents;

/// <summary>
/// Snapshots are a cache of the stream: an activation that starts from one ends exactly where a full replay ends,
/// repeated commands are still recognised, and a snapshot that cannot be trusted (or cannot be read or written at all)
/// costs a full replay, never a command or an activation. The cluster writes one every
/// <see cref="SiloWithSqliteStore.SnapshotInterval"/> events.
/// </summary>
[Collection(IncidentCluster.Name)]
public sealed class SnapshotTests(IncidentClusterFixture fixture) : ClusterTests(fixture)
{
    private static readonly TimeSpan SnapshotPatience = TimeSpan.FromSeconds(15);

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task activation_from_a_snapshot_ends_exactly_where_a_full_replay_of_the_stream_ends()
    {
        var scenario = new Scenario();
        await RunAsync(scenario, scenario.Declare(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate());
        await WaitForSnapshotAsync(scenario, revision: 4);
        await RunAsync(scenario, scenario.Draft(), scenario.Submit(), scenario.Approve(), scenario.Publish());
        await WaitForSnapshotAsync(scenario, revision: 10);
        await RunAsync(scenario, scenario.LogUpdate("After the snapshot."));

        await Fixture.Grains.DeactivateAsync(IncidentOf(scenario));
        var activated = await IncidentOf(scenario).GetSnapshot();

        var (replayed, last) = await FoldStreamAsync(scenario);
        activated.Revision.Should().Be(11).And.Be(last.Revision);
        activated.Position.Should().Be(last.Position);
        activated.State.Should().BeEquivalentTo(replayed, options => options.ComparingRecordsByMembers());
        activated.State.Statements[scenario.StatementId].Status.Should().Be(StatementStatus.Published);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task an_activation_takes_the_state_from_the_snapshot_instead_of_the_events_it_covers()
    {
        var scenario = new Scenario();
        await RunAsync(scenario, scenario.Declare(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate());
        await WaitForSnapshotAsync(scenario, revision: 4);
        // A doctored title no event ever wrote: seeing it proves the snapshot was read, not the events before it.
        await DoctorSnapshotAsync(scenario, snapshot => snapshot["state"]!["title"] = "From the snapshot");
        await RunAsync(scenario, scenario.LogUpdate("After the snapshot."));

        await Fixture.Grains.DeactivateAsync(IncidentOf(scenario));
        var activated = await IncidentOf(scenario).GetSnapshot();

        activated.State.Title.Should().Be("From the snapshot");
        activated.Revision.Should().Be(5);
        activated.State.SituationUpdates.Should().HaveCount(5, "the event after the snapshot is read from the stream");
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task repeated_commands_after_an_activation_from_a_snapshot_are_duplicates_and_append_nothing()
    {
        var scenario = new Scenario();
        var declare = scenario.Declare();
        var publish = scenario.Publish();
        var outcomes = new Dictionary<Guid, CommandOutcome>();
        await RunAsync(scenario, outcomes, declare, scenario.Draft(), scenario.Submit(), scenario.Approve(), publish);
        await WaitForSnapshotAsync(scenario, revision: 6);
        var updates = Enumerable.Range(0, 5).Select(i => scenario.LogUpdate($"Update {i}.")).ToArray();
        await RunAsync(scenario, outcomes, updates);
        await WaitForSnapshotAsync(scenario, revision: 11);
        var stored = (await StoredEventsOf(scenario.Stream)).Count;

        await Fixture.Grains.DeactivateAsync(IncidentOf(scenario));
        // The last update is inside the snapshot's window of recent outcomes; publishing (three events) and the
        // declaration are older than it, so their outcomes are read back from the stream.
        foreach (IncidentCommand command in new IncidentCommand[] { updates[^1], publish, declare, updates[0] })
        {
            var repeated = await IncidentOf(scenario).Execute(Scenario.Envelope(command));
            repeated.Should().Be(outcomes[command.Context.CommandId] with { Status = CommandStatus.Duplicate }, "{0} was accepted before", command.GetType().Name);
        }

        outcomes[publish.Context.CommandId].EventCount.Should().Be(3);
        (await StoredEventsOf(scenario.Stream)).Should().HaveCount(stored);
    }

    public static TheoryData<string> UntrustworthySnapshots => ["unreadable", "older schema", "beyond the end of the stream", "of another history"];

    [Theory(Timeout = IncidentCluster.TestTimeout)]
    [MemberData(nameof(UntrustworthySnapshots))]
    public async Task a_snapshot_that_cannot_be_trusted_is_ignored_and_the_stream_replayed_in_full(string defect)
    {
        var scenario = new Scenario();
        await RunAsync(scenario, scenario.Declare(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate());
        await WaitForSnapshotAsync(scenario, revision: 4);
        await DoctorSnapshotAsync(scenario, snapshot =>
        {
            // Were the snapshot used, this title would show.
            snapshot["state"]!["title"] = "From the snapshot";
            switch (defect)
            {
                case "older schema":
                    snapshot["schema"] = 0;
                    break;
                case "beyond the end of the stream":
                    snapshot["revision"] = 40L;
                    break;
                case "of another history":
                    snapshot["lastEventId"] = Guid.NewGuid();
                    break;
            }
        });
        if (defect == "unreadable")
            await Fixture.Snapshots.WriteSnapshotAsync(scenario.Stream, new StoredSnapshot(4, Encoding.UTF8.GetBytes("{\"schema\":1,\"state\":")));

        await Fixture.Grains.DeactivateAsync(IncidentOf(scenario));
        var activated = await IncidentOf(scenario).GetSnapshot();

        var (replayed, last) = await FoldStreamAsync(scenario);
        activated.State.Title.Should().Be("Flood in Almaty");
        activated.State.Should().BeEquivalentTo(replayed, options => options.ComparingRecordsByMembers());
        activated.Revision.Should().Be(last.Revision);
        (await IncidentOf(scenario).Execute(Scenario.Envelope(scenario.LogUpdate()))).Status.Should().Be(CommandStatus.Accepted);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task a_snapshot_cache_that_fails_costs_neither_a_command_nor_an_activation()
    {
        var scenario = new Scenario();
        Fixture.FaultySnapshots.Fail(scenario.Stream);
        var commands = new List<IncidentCommand> { scenario.Declare() };
        commands.AddRange(Enumerable.Range(0, 11).Select(i => scenario.LogUpdate($"Update {i}.")));

        foreach (var command in commands)
            (await IncidentOf(scenario).Execute(Scenario.Envelope(command))).Status.Should().Be(CommandStatus.Accepted);
        await Fixture.Grains.DeactivateAsync(IncidentOf(scenario));
        var activated = await IncidentOf(scenario).GetSnapshot();

        var (replayed, last) = await FoldStreamAsync(scenario);
        activated.Revision.Should().Be(11).And.Be(last.Revision);
        activated.State.Should().BeEquivalentTo(replayed, options => options.ComparingRecordsByMembers());
        (await Fixture.Snapshots.ReadSnapshotAsync(scenario.Stream)).Should().BeNull();
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task a_snapshot_due_while_another_is_being_written_is_written_next_without_a_further_command()
    {
        var scenario = new Scenario();
        var slowStore = Fixture.FaultySnapshots.Hold(scenario.Stream);
        await RunAsync(scenario, scenario.Declare(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate());
        // The snapshot at revision 4 is being written (held); the one due at revision 9 comes while it is.
        await RunAsync(scenario, scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate());

        slowStore.SetResult();

        await WaitForSnapshotAsync(scenario, revision: 9);
    }

    [Fact(Timeout = IncidentCluster.TestTimeout)]
    public async Task snapshots_leave_the_event_log_as_it_was_stream_global_reads_and_hash_chain()
    {
        var scenario = new Scenario();
        var before = await Fixture.Store.GetLastPositionAsync();
        await RunAsync(scenario, scenario.Declare(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate(), scenario.LogUpdate());
        await WaitForSnapshotAsync(scenario, revision: 4);

        var stream = await StoredEventsOf(scenario.Stream);
        stream.Should().HaveCount(5);
        var everything = new List<RecordedEvent>();
        await foreach (var e in Fixture.Store.ReadAllAsync(before))
            everything.Add(e);
        everything.Should().OnlyContain(e => e.Stream == scenario.Stream || !e.Stream.Contains(scenario.IncidentId.ToString("D"), StringComparison.Ordinal));
        everything.Where(e => e.Stream == scenario.Stream).Select(e => e.EventId).Should().Equal(stream.Select(e => e.EventId));
        (await Fixture.Store.GetLastPositionAsync()).Should().Be(everything[^1].Position, "a snapshot takes no global position");
        (await new StreamVerifier(Fixture.Store).VerifyAsync(scenario.Stream)).Should().Be(VerificationResult.Intact(scenario.Stream, 5));
    }

    private Task RunAsync(Scenario scenario, params IncidentCommand[] commands) => RunAsync(scenario, [], commands);

    private async Task RunAsync(Scenario scenario, Dictionary<Guid, CommandOutcome> outcomes, params IncidentCommand[] commands)
    {
        foreach (var command in commands)
        {
            var outcome = await IncidentOf(scenario).Execute(Scenario.Envelope(command));
            outcome.Status.Should().Be(CommandStatus.Accepted, "{0}: {1}", command.GetType().Name, outcome.Error);
            outcomes[command.Context.CommandId] = outcome;
        }
    }

    /// <summary>Snapshots are written off the command's path: wait until the one at <paramref name="revision"/> is stored.</summary>
    private async Task WaitForSnapshotAsync(Scenario scenario, long revision)
    {
        var deadline = DateTime.UtcNow + SnapshotPatience;
        while ((await Fixture.Snapshots.ReadSnapshotAsync(scenario.Stream))?.Revision != revision)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No snapshot of {scenario.Stream} at revision {revision} within {SnapshotPatience}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Rewrites the stored snapshot's JSON (its stored revision follows the JSON's).</summary>
    private async Task DoctorSnapshotAsync(Scenario scenario, Action<JsonObject> change)
    {
        var stored = await Fixture.Snapshots.ReadSnapshotAsync(scenario.Stream) ?? throw new InvalidOperationException("No snapshot to doctor.");
        var json = JsonNode.Parse(stored.Data.Span)!.AsObject();
        change(json);
        await Fixture.Snapshots.WriteSnapshotAsync(scenario.Stream, new StoredSnapshot(json["revision"]!.GetValue<long>(), Encoding.UTF8.GetBytes(json.ToJsonString())));
    }

    /// <summary>The state an independent fold of every stored event gives, and the last stored event.</summary>
    private async Task<(IncidentState State, RecordedEvent Last)> FoldStreamAsync(Scenario scenario)
    {
        var events = await StoredEventsOf(scenario.Stream);
        var state = events.Aggregate(IncidentState.Initial, (folded, recorded) =>
            IncidentEventSerializer.Deserialize(recorded) is { } @event ? Incident.Evolve(folded, @event) : folded);
        return (state, events[^1]);
    }
}
