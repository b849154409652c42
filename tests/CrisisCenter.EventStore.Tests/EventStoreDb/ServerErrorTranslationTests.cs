using CrisisCenter.EventStore.EventStoreDb;
using Grpc.Core;

namespace CrisisCenter.EventStore.Tests.EventStoreDb;

/// <summary>The server's errors (status code plus the "exception" trailer and its details) as what they mean to us.</summary>
public sealed class ServerErrorTranslationTests
{
    private static readonly EventStoreDbEndpoint Node = new("node1", 2113);

    private static ServerError Translate(StatusCode code, string detail, params (string Key, string Value)[] trailers)
    {
        var metadata = new Metadata();
        foreach (var (key, value) in trailers)
            metadata.Add(key, value);
        return ServerErrorTranslation.Translate(new RpcException(new Status(code, detail), metadata), "appending to stream 'incident-1'", "incident-1", ExpectedRevision.Exact(4), Node);
    }

    [Fact]
    public void not_leader_names_the_leader_to_move_to()
    {
        var error = Translate(StatusCode.NotFound, "Leader info available",
            ("exception", "not-leader"), ("leader-endpoint-host", "node3"), ("leader-endpoint-port", "2115"));

        error.Should().Be(new ServerError.NotLeader(new EventStoreDbEndpoint("node3", 2115)));
    }

    [Fact]
    public void not_leader_without_a_usable_leader_address_counts_as_unavailable()
    {
        var error = Translate(StatusCode.NotFound, "Leader info available",
            ("exception", "not-leader"), ("leader-endpoint-host", "node3"), ("leader-endpoint-port", "none"));

        error.Should().BeOfType<ServerError.Unavailable>().Which.Detail.Should().Contain("node1:2113");
    }

    [Fact]
    public void unavailable_is_retried_elsewhere_and_names_the_node()
    {
        var error = Translate(StatusCode.Unavailable, "Error connecting to subchannel.");

        error.Should().BeOfType<ServerError.Unavailable>().Which.Detail.Should().Be("node node1:2113 is unavailable (Error connecting to subchannel.)");
    }

    [Fact]
    public void a_missing_stream_is_reported_as_such()
    {
        Translate(StatusCode.NotFound, "Event stream 'incident-1' is not found.", ("exception", "stream-not-found"), ("stream-name", "incident-1"))
            .Should().BeOfType<ServerError.StreamNotFound>();
    }

    [Fact]
    public void a_deleted_stream_is_a_clear_error_naming_the_stream()
    {
        var error = Translate(StatusCode.FailedPrecondition, "Event stream 'incident-9' is deleted.", ("exception", "stream-deleted"), ("stream-name", "incident-9"));

        var exception = error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<StreamDeletedException>().Which;
        exception.Stream.Should().Be("incident-9");
        exception.Message.Should().Contain("'incident-9' has been deleted");
    }

    [Fact]
    public void wrong_expected_version_as_an_error_keeps_the_actual_revision()
    {
        var error = Translate(StatusCode.FailedPrecondition, "Append failed due to WrongExpectedVersion.",
            ("exception", "wrong-expected-version"), ("stream-name", "incident-1"), ("expected-version", "4"), ("actual-version", "6"));

        var exception = error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<WrongExpectedRevisionException>().Which;
        exception.ActualRevision.Should().Be(6);
        exception.Expected.Should().Be(ExpectedRevision.Exact(4));
        exception.Stream.Should().Be("incident-1");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("")]
    public void wrong_expected_version_on_a_missing_stream_has_no_actual_revision(string actual)
    {
        var error = Translate(StatusCode.FailedPrecondition, "WrongExpectedVersion", ("exception", "wrong-expected-version"), ("actual-version", actual));

        error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<WrongExpectedRevisionException>().Which.ActualRevision.Should().BeNull();
    }

    [Fact]
    public void access_denied_makes_the_store_unavailable_and_says_it_is_a_permission_problem()
    {
        var error = Translate(StatusCode.PermissionDenied, "Access Denied", ("exception", "access-denied"));

        error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<EventStoreUnavailableException>()
            .Which.Message.Should().Be("EventStoreDB refused appending to stream 'incident-1' on node node1:2113: access denied: the user of the connection string lacks the permission.");
    }

    [Fact]
    public void failed_authentication_makes_the_store_unavailable_and_points_at_the_credentials()
    {
        var error = Translate(StatusCode.Unauthenticated, "Bad credentials");

        error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<EventStoreUnavailableException>()
            .Which.Message.Should().Contain("authentication failed: check the user and password");
    }

    [Fact]
    public void an_exceeded_deadline_makes_the_store_unavailable_and_says_so()
    {
        var error = Translate(StatusCode.DeadlineExceeded, "Deadline Exceeded");

        error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<EventStoreUnavailableException>()
            .Which.Message.Should().Contain("did not complete appending to stream 'incident-1' within the deadline");
    }

    [Fact]
    public void an_oversized_append_is_the_callers_error()
    {
        var error = Translate(StatusCode.InvalidArgument, "Maximum Append Size of 1048576 Exceeded.", ("exception", "maximum-append-size-exceeded"));

        error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<ArgumentException>().Which.Message.Should().Contain("Maximum Append Size");
    }

    [Theory]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.Aborted)]
    public void any_other_server_failure_makes_the_store_unavailable_with_the_status(StatusCode code)
    {
        var error = Translate(code, "Operation timed out: Commit phase timeout.");

        error.Should().BeOfType<ServerError.Fatal>().Which.Exception.Should().BeOfType<EventStoreUnavailableException>()
            .Which.Message.Should().Contain(code.ToString()).And.Contain("Commit phase timeout");
    }
}
