using System.ComponentModel.DataAnnotations;

namespace CrisisCenter.Channels;

/// <summary>The "Channels" configuration section.</summary>
public sealed class ChannelsOptions
{
    public const string Section = "Channels";

    /// <summary>Where the public pages are reached from outside (links in feeds, posts, e-mails, webhooks);
    /// null leaves links out.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Who publishes the public feeds (Atom and JSON Feed author, CAP senderName), e.g.
    /// "Пресс-служба МЧС РК"; unset: "Press service" in the feed's language.</summary>
    public string? PublisherName { get; set; }

    /// <summary>Channels by the code publishers name.</summary>
    public Dictionary<string, ChannelTarget> Targets { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public DispatchOptions Dispatch { get; set; } = new();

    public CapOptions Cap { get; set; } = new();
}

/// <summary>How hard the dispatcher tries.</summary>
public sealed class DispatchOptions
{
    /// <summary>Attempts per post before it is Abandoned (an alert on the timeline).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay before the 2nd attempt; it doubles per attempt (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>One attempt's time limit; past it the send counts as interrupted.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Waits up to this long happen in memory between attempts; a longer wait (a large Retry-After, a long
    /// backoff) ends the run and the dispatcher comes back at the recorded retry time, which survives restarts.</summary>
    public TimeSpan MaxInProcessWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Posts sent at once by one node.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentPosts { get; set; } = 16;
}

/// <summary>CAP 1.2 feed settings.</summary>
public sealed class CapOptions
{
    /// <summary>CAP &lt;sender&gt;: identifies the originator, e.g. "press@mchs.gov.kz".</summary>
    public string Sender { get; set; } = "crisiscenter@localhost";

    /// <summary>CAP &lt;status&gt;: Actual, Exercise, System, Test or Draft.</summary>
    public string Status { get; set; } = "Actual";

    /// <summary>Geocodes per region code ("KZ-75" → valueName/value pairs), added to &lt;area&gt; where configured.</summary>
    public Dictionary<string, Dictionary<string, string>> Geocodes { get; set; } = new(StringComparer.Ordinal);
}
